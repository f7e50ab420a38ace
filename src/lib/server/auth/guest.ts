import type { RequestEvent } from '@sveltejs/kit';
import type { AppDatabase, Queryable } from '../db/open';
import { users } from '../db/schema';
import { createSession, generateSessionToken, setSessionTokenCookie, type SessionUser } from './session';
import { transaction } from '../db/transaction';

/**
 * The signed-in user, or a new guest with a session cookie. Called only when a visitor answers
 * a question, so page views alone create nothing. Guests store no personal data.
 */
export async function currentOrGuestUser(db: AppDatabase, event: RequestEvent): Promise<SessionUser> {
	if (event.locals.user) return event.locals.user;
	const user: SessionUser = { id: crypto.randomUUID(), role: 'guest', username: null, displayName: null, twoFactorEnabled: false };
	const token = generateSessionToken();
	const session = await transaction(db, async (tx) => {
		await tx.insert(users).values({ id: user.id, role: 'guest' });
		return await createSession(tx, token, user.id);
	});
	setSessionTokenCookie(event, token, session.expiresAt);
	event.locals.user = user;
	event.locals.session = session;
	return user;
}
