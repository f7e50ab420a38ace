import { and, eq, ne, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../db/failures';
import type { AppDatabase } from '../db/open';
import { attempts, users } from '../db/schema';
import { checkName, DISPLAY_NAME } from '../names';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { rateLimits } from './rate-limit';
import { first, rowsChanged } from '../db/results';
import { transaction } from '../db/transaction';

export type Role = 'student' | 'instructor';

export interface SignUpInput {
	username: string;
	displayName: string;
	password: string;
	role: Role;
}

export type FieldError = { ok: false; field: 'username' | 'displayName' | 'password' | 'role' | 'code'; message: string };

export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;

/** Usernames are unique regardless of case: stored lower-cased. */
export function normaliseUsername(username: string): string {
	return username.trim().toLowerCase();
}

export function usernameProblem(username: string): string | null {
	return USERNAME_PATTERN.test(username.trim())
		? null
		: 'Use 3 to 32 characters: letters, digits, _ and - only.';
}


/** What is wrong with a display name (names.ts has the rule), or null. */
export function displayNameProblem(displayName: string): string | null {
	const checked = checkName(displayName, DISPLAY_NAME);
	return checked.ok ? null : checked.message;
}

/**
 * Creates an account. From a guest session the guest row is upgraded in place, so every answer
 * the guest gave stays theirs. Returns the user id, or which field is wrong and why.
 */
export async function signUp(
	db: AppDatabase,
	input: SignUpInput,
	guestId: string | null
): Promise<{ ok: true; userId: string } | FieldError> {
	const usernameIssue = usernameProblem(input.username);
	if (usernameIssue) return { ok: false, field: 'username', message: usernameIssue };
	const displayName = checkName(input.displayName, DISPLAY_NAME);
	if (!displayName.ok) return { ok: false, field: 'displayName', message: displayName.message };
	const passwordIssue = passwordProblem(input.password);
	if (passwordIssue) return { ok: false, field: 'password', message: passwordIssue };

	const username = normaliseUsername(input.username);
	const taken = await first(db.select({ id: users.id }).from(users).where(eq(users.username, username)));
	if (taken) return { ok: false, field: 'username', message: 'That username is taken. Try another.' };

	const values = {
		role: input.role,
		username,
		displayName: displayName.name,
		passwordHash: await hashPassword(input.password)
	};
	try {
		if (guestId) {
			const upgraded = await db
				.update(users)
				.set(values)
				.where(and(eq(users.id, guestId), eq(users.role, 'guest')));
			if (rowsChanged(upgraded) === 1) return { ok: true, userId: guestId };
		}
		const id = crypto.randomUUID();
		await db.insert(users).values({ id, ...values });
		return { ok: true, userId: id };
	} catch (error) {
		// Two sign-ups raced for the same name: the unique index decided.
		if (isUniqueViolation(error)) return { ok: false, field: 'username', message: 'That username is taken. Try another.' };
		throw error;
	}
}

// Verified against when the username does not exist, so both failures take about as long.
const DUMMY_HASH = hashPassword('not a real password, only for timing');

/** The account for these credentials, or null. Guests cannot sign in. */
export async function checkCredentials(db: AppDatabase, username: string, password: string): Promise<string | null> {
	const user = (await first(db
		.select({ id: users.id, passwordHash: users.passwordHash })
		.from(users)
		.where(and(eq(users.username, normaliseUsername(username)), ne(users.role, 'guest')))
		));
	if (!user?.passwordHash) {
		await verifyPassword(await DUMMY_HASH, password);
		return null;
	}
	return (await verifyPassword(user.passwordHash, password)) ? user.id : null;
}

/** The role of a user (null if there is no such user). */
export async function roleOf(db: AppDatabase, userId: string): Promise<'guest' | Role | null> {
	return (await first(db.select({ role: users.role }).from(users).where(eq(users.id, userId))))?.role ?? null;
}

/**
 * Moves a guest's attempts to an account and removes the guest, in one transaction. Safe to
 * repeat: a second call finds nothing to move.
 */
export async function mergeGuestInto(db: AppDatabase, guestId: string, userId: string): Promise<number> {
	if (guestId === userId) return 0;
	return await transaction(db, async (tx) => {
		const guest = await first(tx.select({ role: users.role }).from(users).where(eq(users.id, guestId)));
		if (guest?.role !== 'guest') return 0;
		const moved = rowsChanged(await tx.update(attempts).set({ userId }).where(eq(attempts.userId, guestId)));
		await tx.delete(users).where(eq(users.id, guestId));
		return moved;
	});
}

export type PasswordCheck = { ok: true } | { ok: false; status: 400 | 429; message: string };

/**
 * Checks a signed-in user's own password (to change it or delete the account). Each try counts
 * against the same per-username limit as sign-in, before the password is checked, so a
 * borrowed session cannot guess the password faster than the sign-in form allows, even with
 * many tries at once. The right password clears the count.
 */
export async function checkOwnPassword(
	db: AppDatabase,
	user: { id: string; username: string | null },
	password: string
): Promise<PasswordCheck> {
	const key = normaliseUsername(user.username ?? user.id);
	const limited = await rateLimits.consume('loginFailuresPerUsername', key);
	if (limited) return { ok: false, status: 429, message: limited };
	const row = await first(db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)));
	if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
		return { ok: false, status: 400, message: 'That is not your current password.' };
	}
	await rateLimits.reset('loginFailuresPerUsername', key);
	return { ok: true };
}

export async function changePassword(
	db: AppDatabase,
	user: { id: string; username: string | null },
	current: string,
	next: string
): Promise<{ ok: true } | { ok: false; status: 400 | 429; field: 'current' | 'next'; message: string }> {
	const check = await checkOwnPassword(db, user, current);
	if (!check.ok) return { ...check, field: 'current' };
	const problem = passwordProblem(next);
	if (problem) return { ok: false, status: 400, field: 'next', message: problem };
	await db.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, user.id));
	return { ok: true };
}

export async function changeDisplayName(db: AppDatabase, userId: string, displayName: string): Promise<string | null> {
	const checked = checkName(displayName, DISPLAY_NAME);
	if (!checked.ok) return checked.message;
	await db.update(users).set({ displayName: checked.name }).where(eq(users.id, userId));
	return null;
}

/** Deletes the user; sessions, attempts, classes and enrollments go with it (foreign keys). */
export async function deleteAccount(db: AppDatabase, userId: string): Promise<void> {
	await db.delete(users).where(eq(users.id, userId));
}

export async function countAttempts(db: AppDatabase, userId: string): Promise<number> {
	return (await first(db.select({ n: sql<number>`count(*)` }).from(attempts).where(eq(attempts.userId, userId))))?.n ?? 0;
}
