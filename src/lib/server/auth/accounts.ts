import { and, eq, ne, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open';
import { attempts, users } from '../db/schema';
import { hashPassword, passwordProblem, verifyPassword } from './password';

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

export function displayNameProblem(displayName: string): string | null {
	const name = displayName.trim();
	if (name.length === 0) return 'Say what we should call you.';
	if (name.length > 60) return 'Keep it to 60 characters.';
	return null;
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
	const nameIssue = displayNameProblem(input.displayName);
	if (nameIssue) return { ok: false, field: 'displayName', message: nameIssue };
	const passwordIssue = passwordProblem(input.password);
	if (passwordIssue) return { ok: false, field: 'password', message: passwordIssue };

	const username = normaliseUsername(input.username);
	const taken = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
	if (taken) return { ok: false, field: 'username', message: 'That username is taken. Try another.' };

	const values = {
		role: input.role,
		username,
		displayName: input.displayName.trim(),
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

export async function changePassword(
	db: AppDatabase,
	userId: string,
	current: string,
	next: string
): Promise<{ ok: true } | { ok: false; field: 'current' | 'next'; message: string }> {
	const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
		return { ok: false, field: 'current', message: 'That is not your current password.' };
	}
	const problem = passwordProblem(next);
	if (problem) return { ok: false, field: 'next', message: problem };
	db.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, userId)).run();
	return { ok: true };
}

export function changeDisplayName(db: AppDatabase, userId: string, displayName: string): string | null {
	const problem = displayNameProblem(displayName);
	if (problem) return problem;
	db.update(users).set({ displayName: displayName.trim() }).where(eq(users.id, userId)).run();
	return null;
}

/** Deletes the user; sessions, attempts, classes and enrollments go with it (foreign keys). */
export function deleteAccount(db: AppDatabase, userId: string): void {
	db.delete(users).where(eq(users.id, userId)).run();
}

export function countAttempts(db: AppDatabase, userId: string): number {
	return db.select({ n: sql<number>`count(*)` }).from(attempts).where(eq(attempts.userId, userId)).get()?.n ?? 0;
}
