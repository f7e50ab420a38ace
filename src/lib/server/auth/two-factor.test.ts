import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteClient, openDatabase } from '../db/open';
import { users } from '../db/schema';
import {
	acceptTotpCode,
	checkTwoFactorCode,
	disableTwoFactor,
	enableTwoFactor,
	newTotpSecret,
	totpSecretOf,
	totpSetup,
	totpStep,
	totpStepOf,
	useRecoveryCode
} from './two-factor';
import { first } from '../db/results';

const dir = mkdtempSync(join(tmpdir(), 'course-2fa-'));
const db = openDatabase(join(dir, 'app.db'));
await db.insert(users).values({ id: 'teacher', role: 'instructor', username: 'teacher', displayName: 'T' });
afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

// Fixed times: 2026-03-02 10:00:00 UTC, at the start of a 30-second period, and the periods around it.
const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);
const STEP = NOW / 30_000;
const codeAt = (secret: string, step: number) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);

async function instructorWithTwoFactor(): Promise<{ id: string; secret: string }> {
	const id = crypto.randomUUID();
	await db.insert(users).values({ id, role: 'instructor', username: `t_${id.slice(0, 8)}`, displayName: 'T' });
	const secret = newTotpSecret();
	// Set up with a code from ten minutes earlier, so that step is behind every test below.
	await enableTwoFactor(db, id, secret, STEP - 20);
	return { id, secret };
}

describe('TOTP', () => {
	it('accepts the current code from an authenticator and refuses others', async () => {
		const secret = newTotpSecret();
		const code = generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
		// Its step is now's (or the one before, had a period ended between these two lines).
		expect([totpStep(), totpStep() - 1]).toContain(totpStepOf(secret, code));
		expect(totpStepOf(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).not.toBeNull();
		expect(totpStepOf(secret, code === '000000' ? '111111' : '000000')).toBeNull();
		expect(totpStepOf(secret, 'abcdef')).toBeNull();
	});

	it('accepts the period before and after (clock drift) but not two periods away', async () => {
		const secret = newTotpSecret();
		expect(STEP).toBe(Math.floor(STEP));
		expect(totpStep(NOW + 29_999)).toBe(STEP);
		for (const offset of [-1, 0, 1]) expect(totpStepOf(secret, codeAt(secret, STEP + offset), NOW)).toBe(STEP + offset);
		for (const offset of [-2, 2]) {
			const code = codeAt(secret, STEP + offset);
			// Skip the one-in-a-million case where that code is also a code of an accepted period.
			if ([-1, 0, 1].some((near) => codeAt(secret, STEP + near) === code)) continue;
			expect(totpStepOf(secret, code, NOW)).toBeNull();
		}
	});

	it('makes an otpauth address and a QR code for it', async () => {
		const { uri, qrSvg } = await totpSetup(newTotpSecret(), 'teacher');
		expect(uri).toMatch(/^otpauth:\/\/totp\/Who%20Says%20So:teacher\?/);
		expect(qrSvg).toMatch(/^<svg/);
	});
});

describe('a TOTP code works once', () => {
	it('is refused the second time, as a second session would send it', async () => {
		const { id, secret } = await instructorWithTwoFactor();
		const code = codeAt(secret, STEP);
		expect(await acceptTotpCode(db, id, code, NOW)).toBe(true);
		expect(await acceptTotpCode(db, id, code, NOW + 5_000)).toBe(false);
		expect((await first(db.select({ step: users.totpLastPeriod }).from(users).where(eq(users.id, id))))?.step).toBe(STEP);
	});

	it('refuses the previous period’s code once a newer one was used, and accepts the next', async () => {
		const { id, secret } = await instructorWithTwoFactor();
		expect(await acceptTotpCode(db, id, codeAt(secret, STEP), NOW)).toBe(true);
		expect(await acceptTotpCode(db, id, codeAt(secret, STEP - 1), NOW)).toBe(false);
		expect(await acceptTotpCode(db, id, codeAt(secret, STEP + 1), NOW + 30_000)).toBe(true);
		expect(await acceptTotpCode(db, id, codeAt(secret, STEP), NOW + 30_000)).toBe(false);
	});

	it('is remembered in the database, so another server process refuses it too', async () => {
		const { id, secret } = await instructorWithTwoFactor();
		const other = openDatabase(join(dir, 'app.db'));
		try {
			const code = codeAt(secret, STEP);
			expect(await acceptTotpCode(db, id, code, NOW)).toBe(true);
			expect(await acceptTotpCode(other, id, code, NOW)).toBe(false);
		} finally {
			sqliteClient(other).close();
		}
	});

	it('cannot sign in with the code that turned two-factor on', async () => {
		const id = crypto.randomUUID();
		await db.insert(users).values({ id, role: 'instructor', username: `t_${id.slice(0, 8)}`, displayName: 'T' });
		const secret = newTotpSecret();
		const code = codeAt(secret, STEP);
		await enableTwoFactor(db, id, secret, totpStepOf(secret, code, NOW)!);
		expect(await acceptTotpCode(db, id, code, NOW)).toBe(false);
		expect(await acceptTotpCode(db, id, codeAt(secret, STEP + 1), NOW + 30_000)).toBe(true);
	});

	it('cannot turn two-factor off with a code already used to sign in', async () => {
		const { id, secret } = await instructorWithTwoFactor();
		const code = codeAt(secret, STEP);
		expect(await checkTwoFactorCode(db, id, code, { recoveryCodes: true }, NOW)).toEqual({ ok: true });
		expect(await checkTwoFactorCode(db, id, code, { recoveryCodes: false }, NOW)).toEqual({ ok: false, status: 400 });
		expect(await totpSecretOf(db, id)).toBe(secret);
	});
});

describe('wrong codes are limited per user', () => {
	it('counts every try before checking it, so a burst gets at most ten checks', async () => {
		const { id, secret } = await instructorWithTwoFactor();
		const right = codeAt(secret, STEP);
		const wrong = right === '000000' ? '111111' : '000000';
		const results = await Promise.all(
			Array.from({ length: 30 }, () => checkTwoFactorCode(db, id, wrong, { recoveryCodes: false }, NOW))
		);
		expect(results.filter((r) => !r.ok && r.status === 400)).toHaveLength(10);
		expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(20);
		// Blocked now, even for the right code, and the code is not used up by the refusal.
		expect(await checkTwoFactorCode(db, id, right, { recoveryCodes: false }, NOW)).toMatchObject({ ok: false, status: 429 });
		expect(await acceptTotpCode(db, id, right, NOW)).toBe(true);
	});

	it('a right code after a few wrong ones works and clears them', async () => {
		const { id, secret } = await instructorWithTwoFactor();
		for (let i = 0; i < 9; i++) expect(await checkTwoFactorCode(db, id, 'abcdef', { recoveryCodes: true }, NOW)).toEqual({ ok: false, status: 400 });
		expect(await checkTwoFactorCode(db, id, codeAt(secret, STEP), { recoveryCodes: true }, NOW)).toEqual({ ok: true });
		for (let i = 0; i < 10; i++) expect(await checkTwoFactorCode(db, id, 'abcdef', { recoveryCodes: true }, NOW)).toEqual({ ok: false, status: 400 });
	});
});

describe('turning two-factor on and off', () => {
	it('stores the secret and gives 8 single-use recovery codes', async () => {
		const secret = newTotpSecret();
		const codes = await enableTwoFactor(db, 'teacher', secret, STEP);
		expect(codes).toHaveLength(8);
		expect(new Set(codes).size).toBe(8);
		expect(await totpSecretOf(db, 'teacher')).toBe(secret);
		expect(await useRecoveryCode(db, 'teacher', codes[0].toLowerCase())).toBe(true);
		expect(await useRecoveryCode(db, 'teacher', codes[0])).toBe(false);
		expect(await useRecoveryCode(db, 'teacher', 'NOTACODE-REALLY00')).toBe(false);
		await disableTwoFactor(db, 'teacher');
		expect(await totpSecretOf(db, 'teacher')).toBeNull();
		expect(await useRecoveryCode(db, 'teacher', codes[1])).toBe(false);
	});
});
