import { and, eq, ne, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open';
import { attempts, users } from '../db/schema';
import { checkName, DISPLAY_NAME } from '../names';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { rateLimits } from './rate-limit';

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
	const taken = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
	if (taken) return { ok: false, field: 'username', message: 'That username is taken. Try another.' };

	const values = {
		role: input.role,
		username,
		displayName: displayName.name,
		passwordHash: await hashPassword(input.password)
	};
	try {
		if (guestId) {
			const upgraded = db
				.update(users)
				.set(values)
				.where(and(eq(users.id, guestId), eq(users.role, 'guest')))
				.run();
			if (upgraded.changes === 1) return { ok: true, userId: guestId };
		}
		const id = crypto.randomUUID();
		db.insert(users).values({ id, ...values }).run();
		return { ok: true, userId: id };
	} catch (error) {
		// Two sign-ups raced for the same name: the unique index decided.
		if (String(error).includes('UNIQUE')) return { ok: false, field: 'username', message: 'That username is taken. Try another.' };
		throw error;
	}
}

// Verified against when the username does not exist, so both failures take about as long.
const DUMMY_HASH = hashPassword('not a real password, only for timing');

/** The account for these credentials, or null. Guests cannot sign in. */
export async function checkCredentials(db: AppDatabase, username: string, password: string): Promise<string | null> {
	const user = db
		.select({ id: users.id, passwordHash: users.passwordHash })
		.from(users)
		.where(and(eq(users.username, normaliseUsername(username)), ne(users.role, 'guest')))
		.get();
	if (!user?.passwordHash) {
		await verifyPassword(await DUMMY_HASH, password);
		return null;
	}
	return (await verifyPassword(user.passwordHash, password)) ? user.id : null;
}

/** The role of a user (null if there is no such user). */
export function roleOf(db: AppDatabase, userId: string): 'guest' | Role | null {
	return db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()?.role ?? null;
}

/**
 * Moves a guest's attempts to an account and removes the guest, in one transaction. Safe to
 * repeat: a second call finds nothing to move.
 */
export function mergeGuestInto(db: AppDatabase, guestId: string, userId: string): number {
	if (guestId === userId) return 0;
	return db.transaction((tx) => {
		const guest = tx.select({ role: users.role }).from(users).where(eq(users.id, guestId)).get();
		if (guest?.role !== 'guest') return 0;
		const moved = tx.update(attempts).set({ userId }).where(eq(attempts.userId, guestId)).run().changes;
		tx.delete(users).where(eq(users.id, guestId)).run();
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
	const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
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
	db.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, user.id)).run();
	return { ok: true };
}

export function changeDisplayName(db: AppDatabase, userId: string, displayName: string): string | null {
	const checked = checkName(displayName, DISPLAY_NAME);
	if (!checked.ok) return checked.message;
	db.update(users).set({ displayName: checked.name }).where(eq(users.id, userId)).run();
	return null;
}

/** Deletes the user; sessions, attempts, classes and enrollments go with it (foreign keys). */
export function deleteAccount(db: AppDatabase, userId: string): void {
	db.delete(users).where(eq(users.id, userId)).run();
}

export function countAttempts(db: AppDatabase, userId: string): number {
	return db.select({ n: sql<number>`count(*)` }).from(attempts).where(eq(attempts.userId, userId)).get()?.n ?? 0;
}
