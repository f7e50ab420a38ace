// Forgotten passwords without email: an instructor issues a one-time code to a student in one
// of their classes; the student sets a new password with it within 24 hours.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { normaliseJoinCode, randomCode } from '../db/classes';
import type { AppDatabase } from '../db/open';
import { passwordResets, users } from '../db/schema';
import { normaliseUsername } from './accounts';
import { hashPassword, passwordProblem } from './password';
import { invalidateAllSessions } from './session';
import { first } from '../db/results';
import { lockRow, transaction } from '../db/transaction';
import { rowsChanged } from '../db/results';

export const RESET_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

function hashCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseJoinCode(code))));
}

/** 10 characters without look-alikes (about 50 bits), shown as XXXXX-XXXXX. */
function generateResetCode(): string {
	const code = randomCode(10);
	return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Issues a new code for the student, replacing any earlier unused one. Returns the code to
 * show once, or null if the account is not a student's: a code sets a password, so an
 * instructor who got into someone's class must not be able to take over their account.
 */
export async function issueResetCode(db: AppDatabase, instructorId: string, studentId: string, now = Date.now()): Promise<string | null> {
	const code = generateResetCode();
	return await transaction(db, async (tx) => {
		await lockRow(tx, users, users.id, studentId);
		const student = await first(tx.select({ role: users.role }).from(users).where(eq(users.id, studentId)));
		if (student?.role !== 'student') return null;
		await tx.delete(passwordResets).where(and(eq(passwordResets.userId, studentId), isNull(passwordResets.usedAt)));
		await tx
			.insert(passwordResets)
			.values({
				id: crypto.randomUUID(),
				userId: studentId,
				codeHash: hashCode(code),
				issuedBy: instructorId,
				expiresAt: new Date(now + RESET_CODE_LIFETIME_MS)
			});
		return code;
	});
}

export type ResetResult = { ok: true; userId: string } | { ok: false; field: 'code' | 'password'; message: string };

const BAD_CODE = 'That username and reset code do not match, or the code has expired or been used. Ask your instructor for a new one.';

/**
 * Sets a new password with a valid code, uses the code up, and signs the student out
 * everywhere. Only a student account can be reset this way (codes issued before instructors
 * were refused must not work for them either).
 */
export async function redeemResetCode(
	db: AppDatabase,
	username: string,
	code: string,
	newPassword: string,
	now = Date.now()
): Promise<ResetResult> {
	const user = (await first(db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.username, normaliseUsername(username)), eq(users.role, 'student')))
		));
	const reset = user
		? (await first(db
				.select()
				.from(passwordResets)
				.where(
					and(
						eq(passwordResets.userId, user.id),
						eq(passwordResets.codeHash, hashCode(code)),
						isNull(passwordResets.usedAt),
						gt(passwordResets.expiresAt, new Date(now))
					)
				)
				))
		: undefined;
	if (!user || !reset) return { ok: false, field: 'code', message: BAD_CODE };
	const problem = passwordProblem(newPassword);
	if (problem) return { ok: false, field: 'password', message: problem };
	const passwordHash = await hashPassword(newPassword);
	const used = await transaction(db, async (tx) => {
		// Conditional update: if two requests race, only one uses the code.
		const marked = await tx
			.update(passwordResets)
			.set({ usedAt: new Date(now) })
			.where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)));
		if (rowsChanged(marked) !== 1) return false;
		await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
		return true;
	});
	if (!used) return { ok: false, field: 'code', message: BAD_CODE };
	await invalidateAllSessions(db, user.id);
	return { ok: true, userId: user.id };
}
