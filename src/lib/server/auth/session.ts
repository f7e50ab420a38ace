// Sessions as in the Lucia guide (lucia-auth.com) and the sv CLI's generated auth: a random
// token lives in the cookie, only its SHA-256 is stored, and expiry slides forward with use.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { RequestEvent } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { isDatabaseError, reportWriteFailure } from '../db/failures';
import type { AppDatabase, Queryable } from '../db/open';
import { preparedPerDatabase } from '../db/results';
import { sessions, users, type Session, type User } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_DURATION_MS = 30 * DAY_MS;
/** Renew when fewer than this many milliseconds remain. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

/**
 * The session cookie's name. Over HTTPS it is `__Host-session`: browsers accept a cookie of that
 * name only with Secure, Path=/ and no Domain, so no other subdomain and no plain-http page can
 * plant or overwrite one (session fixation). Over plain http browsers refuse `__Host-` cookies,
 * so local use (http://localhost, a classroom address) keeps `session`.
 */
export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? '__Host-session' : 'session';
}

/** 20 random bytes (160 bits) from the platform CSPRNG, base32-encoded. */
export function generateSessionToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Queryable,
	token: string,
	userId: string,
	now = Date.now(),
	twoFactorVerified = false
): Promise<Session> {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now + SESSION_DURATION_MS),
		twoFactorVerified
	};
	await db.insert(sessions).values(session);
	return session;
}

export type SessionUser = Pick<User, 'id' | 'role' | 'username' | 'displayName'> & {
	/** Whether sign-in needs a second factor (a TOTP code) for this account. */
	twoFactorEnabled: boolean;
};
export type SessionValidationResult =
	| { session: Session; user: SessionUser }
	| { session: null; user: null };

/**
 * The session lookup every request with a cookie makes, prepared once per database connection:
 * building drizzle's query and compiling it again on each request cost more than running it.
 */
function prepareSessionLookup(db: AppDatabase) {
	return db
		.select({
			user: {
				id: users.id,
				role: users.role,
				username: users.username,
				displayName: users.displayName,
				twoFactorEnabled: sql<boolean>`${users.totpSecret} is not null`
			},
			session: sessions
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('sessionId')))
		.prepare('session_lookup');
}

const sessionLookup = preparedPerDatabase(prepareSessionLookup);

export async function validateSessionToken(db: AppDatabase, token: string, now = Date.now()): Promise<SessionValidationResult> {
	const sessionId = sessionIdFromToken(token);
	const [row] = await sessionLookup(db).execute({ sessionId });
	if (!row) return { session: null, user: null };
	const session = row.session;
	const user: SessionUser = { ...row.user, twoFactorEnabled: Boolean(row.user.twoFactorEnabled) };
	if (now >= session.expiresAt.getTime()) {
		// Best effort: the hourly cleanup deletes it too if this write fails.
		await bestEffortWrite('session-expiry', () => db.delete(sessions).where(eq(sessions.id, session.id)));
		return { session: null, user: null };
	}
	if (now >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
		const renewed = new Date(now + SESSION_DURATION_MS);
		// While the database cannot write, pages still load: the session is renewed on a later visit.
		if (await bestEffortWrite('session-renewal', () => db.update(sessions).set({ expiresAt: renewed }).where(eq(sessions.id, session.id)))) {
			session.expiresAt = renewed;
		}
	}
	return { session, user };
}

/** Runs a write that a page view may do without; false (and one log line) when it fails. */
async function bestEffortWrite(operation: string, write: () => PromiseLike<unknown>): Promise<boolean> {
	try {
		await write();
		return true;
	} catch (error) {
		if (!isDatabaseError(error)) throw error;
		reportWriteFailure(operation, error);
		return false;
	}
}

export async function invalidateSession(db: AppDatabase, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessions(db: AppDatabase, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

export function setSessionTokenCookie(event: RequestEvent, token: string, expiresAt: Date): void {
	event.cookies.set(sessionCookieName(event.url), token, {
		httpOnly: true,
		sameSite: 'lax',
		// SvelteKit sets Secure automatically except on http://localhost; be explicit about intent.
		secure: event.url.protocol === 'https:',
		expires: expiresAt,
		// Path=/ and no Domain, as a __Host- cookie must have.
		path: '/'
	});
}

export function deleteSessionTokenCookie(event: RequestEvent): void {
	// The same attributes as when set: a browser ignores a Secure deletion sent over plain http.
	event.cookies.delete(sessionCookieName(event.url), { path: '/', httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:' });
}
