// Two-factor sign-in for instructors (TOTP, as in the Lucia guide): an authenticator app shows a
// 6-digit code every 30 seconds; recovery codes stand in when the phone is lost.
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { and, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { AppDatabase } from '../db/open';
import { recoveryCodes, sessions, users } from '../db/schema';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 8;

/** A new random 160-bit key, base32 as authenticator apps expect. */
export function newTotpSecret(): string {
	return encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** The otpauth:// address and an SVG QR code of it, for setting up an app. */
export async function totpSetup(secret: string, accountName: string): Promise<{ uri: string; qrSvg: string }> {
	const uri = createTOTPKeyURI('Who Says So', accountName, decodeBase32IgnorePadding(secret), TOTP_PERIOD, TOTP_DIGITS);
	return { uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

/** True when the code matches now, or one period either side (clocks drift). */
export function verifyTotpCode(secret: string, code: string): boolean {
	const digits = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(digits)) return false;
	return verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(secret), TOTP_PERIOD, TOTP_DIGITS, digits, TOTP_PERIOD);
}

function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(code.toUpperCase().replace(/[\s-]/g, ''))));
}

function newRecoveryCode(): string {
	const raw = encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
	return `${raw.slice(0, 8)}-${raw.slice(8, 16)}`;
}

/** Turns two-factor sign-in on and returns fresh recovery codes, shown once. */
export function enableTwoFactor(db: AppDatabase, userId: string, secret: string): string[] {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
	db.transaction((tx) => {
		tx.update(users).set({ totpSecret: secret }).where(eq(users.id, userId)).run();
		tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
		tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) }))).run();
	});
	return codes;
}

export function disableTwoFactor(db: AppDatabase, userId: string): void {
	db.transaction((tx) => {
		tx.update(users).set({ totpSecret: null }).where(eq(users.id, userId)).run();
		tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
	});
}

export function totpSecretOf(db: AppDatabase, userId: string): string | null {
	return db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId)).get()?.secret ?? null;
}

/** Uses up one recovery code; true if it was valid and unused. */
export function useRecoveryCode(db: AppDatabase, userId: string, code: string): boolean {
	const result = db
		.update(recoveryCodes)
		.set({ usedAt: new Date() })
		.where(
			and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt))
		)
		.run();
	return result.changes > 0;
}

export function markSessionTwoFactorVerified(db: AppDatabase, sessionId: string): void {
	db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId)).run();
}
