// Two-factor sign-in for instructors (TOTP, as in the Lucia guide): an authenticator app shows a
// 6-digit code every 30 seconds; recovery codes stand in when the phone is lost.
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { AppDatabase } from '../db/open';
import { recoveryCodes, sessions, users } from '../db/schema';
import { rateLimits } from './rate-limit';
import { first } from '../db/results';
import { transaction } from '../db/transaction';
import { rowsChanged } from '../db/results';

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

/** The TOTP time step at `now`: the number of 30-second periods since 1970. */
export function totpStep(now = Date.now()): number {
	return Math.floor(now / 1000 / TOTP_PERIOD);
}

/**
 * The time step a code belongs to: now's, or one either side (phone clocks drift), or null if
 * it matches none. @oslojs/otp's verifyTOTPWithGracePeriod only says yes or no; the step is
 * needed to refuse a code that was already used, so each candidate is checked here.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
	const digits = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(digits)) return null;
	const key = decodeBase32IgnorePadding(secret);
	const current = totpStep(now);
	// Newest first: in the rare case one code fits two steps, the later one is recorded.
	for (const step of [current + 1, current, current - 1]) {
		if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, digits)) return step;
	}
	return null;
}

/**
 * Accepts a code from the user's app at most once. The step of every accepted code is
 * remembered (users.totp_last_period), and a code is accepted only if its step is newer: the
 * same code cannot sign in a second session, and the previous period's code stops working
 * once a newer one was used. The update is conditional, so of two requests racing with one
 * code only one changes the row.
 */
export async function acceptTotpCode(db: AppDatabase, userId: string, code: string, now = Date.now()): Promise<boolean> {
	const secret = await totpSecretOf(db, userId);
	if (!secret) return false;
	const step = totpStepOf(secret, code, now);
	if (step === null) return false;
	const recorded = await db
		.update(users)
		.set({ totpLastPeriod: step })
		.where(
			and(
				eq(users.id, userId),
				eq(users.totpSecret, secret),
				or(isNull(users.totpLastPeriod), lt(users.totpLastPeriod, step))
			)
		);
	return rowsChanged(recorded) === 1;
}

export type CodeCheck = { ok: true } | { ok: false; status: 400 } | { ok: false; status: 429; message: string };

/**
 * Checks a code typed at two-factor sign-in (where a recovery code also works) or to turn
 * two-factor off. Wrong codes are limited per user: each try is counted before the code is
 * checked, so codes sent all at once cannot all be tried, and a right code clears the count.
 */
export async function checkTwoFactorCode(
	db: AppDatabase,
	userId: string,
	code: string,
	options: { recoveryCodes: boolean },
	now = Date.now()
): Promise<CodeCheck> {
	const key = `two-factor:${userId}`;
	const limited = await rateLimits.consume('codeFailures', key);
	if (limited) return { ok: false, status: 429, message: limited };
	const accepted = (await acceptTotpCode(db, userId, code, now)) || (options.recoveryCodes && (await useRecoveryCode(db, userId, code)));
	if (!accepted) return { ok: false, status: 400 };
	await rateLimits.reset('codeFailures', key);
	return { ok: true };
}

function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(code.toUpperCase().replace(/[\s-]/g, ''))));
}

function newRecoveryCode(): string {
	const raw = encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
	return `${raw.slice(0, 8)}-${raw.slice(8, 16)}`;
}

/**
 * Turns two-factor sign-in on and returns fresh recovery codes, shown once. `step` is the time
 * step of the code that confirmed the setup, so that code cannot then be used to sign in.
 */
export async function enableTwoFactor(db: AppDatabase, userId: string, secret: string, step: number): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
	await transaction(db, async (tx) => {
		await tx.update(users).set({ totpSecret: secret, totpLastPeriod: step }).where(eq(users.id, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
	});
	return codes;
}

export async function disableTwoFactor(db: AppDatabase, userId: string): Promise<void> {
	await transaction(db, async (tx) => {
		await tx.update(users).set({ totpSecret: null, totpLastPeriod: null }).where(eq(users.id, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	});
}

export async function totpSecretOf(db: AppDatabase, userId: string): Promise<string | null> {
	return (await first(db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId))))?.secret ?? null;
}

/** Uses up one recovery code; true if it was valid and unused. */
export async function useRecoveryCode(db: AppDatabase, userId: string, code: string): Promise<boolean> {
	const result = await db
		.update(recoveryCodes)
		.set({ usedAt: new Date() })
		.where(
			and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt))
		);
	return rowsChanged(result) > 0;
}

export async function markSessionTwoFactorVerified(db: AppDatabase, sessionId: string): Promise<void> {
	await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}
