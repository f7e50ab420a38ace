import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { users } from '../db/schema';
import {
	disableTwoFactor,
	enableTwoFactor,
	newTotpSecret,
	totpSecretOf,
	totpSetup,
	useRecoveryCode,
	verifyTotpCode
} from './two-factor';

const dir = mkdtempSync(join(tmpdir(), 'course-2fa-'));
const db = openDatabase(join(dir, 'app.db'));
db.insert(users).values({ id: 'teacher', role: 'instructor', username: 'teacher', displayName: 'T' }).run();
afterAll(() => {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('TOTP', () => {
	it('accepts the current code from an authenticator and refuses others', () => {
		const secret = newTotpSecret();
		const code = generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
		expect(verifyTotpCode(secret, code)).toBe(true);
		expect(verifyTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe(true);
		expect(verifyTotpCode(secret, code === '000000' ? '111111' : '000000')).toBe(false);
		expect(verifyTotpCode(secret, 'abcdef')).toBe(false);
	});

	it('makes an otpauth address and a QR code for it', async () => {
		const { uri, qrSvg } = await totpSetup(newTotpSecret(), 'teacher');
		expect(uri).toMatch(/^otpauth:\/\/totp\/Who%20Says%20So:teacher\?/);
		expect(qrSvg).toMatch(/^<svg/);
	});
});

describe('turning two-factor on and off', () => {
	it('stores the secret and gives 8 single-use recovery codes', () => {
		const secret = newTotpSecret();
		const codes = enableTwoFactor(db, 'teacher', secret);
		expect(codes).toHaveLength(8);
		expect(new Set(codes).size).toBe(8);
		expect(totpSecretOf(db, 'teacher')).toBe(secret);
		expect(useRecoveryCode(db, 'teacher', codes[0].toLowerCase())).toBe(true);
		expect(useRecoveryCode(db, 'teacher', codes[0])).toBe(false);
		expect(useRecoveryCode(db, 'teacher', 'NOTACODE-REALLY00')).toBe(false);
		disableTwoFactor(db, 'teacher');
		expect(totpSecretOf(db, 'teacher')).toBeNull();
		expect(useRecoveryCode(db, 'teacher', codes[1])).toBe(false);
	});
});
