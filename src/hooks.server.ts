import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import {
	deleteSessionTokenCookie,
	sessionCookieName,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { getCourse } from '$lib/server/content';
import { syncDashboardSummaries } from '$lib/server/dashboard/summaries';
import { getDb } from '$lib/server/db';
import { GuestPageCache } from '$lib/server/guest-page-cache';
import { setSecurityHeaders } from '$lib/server/security-headers';

/** Open the database (applying migrations) and validate the content before serving anything. */
export const init: ServerInit = async () => {
	const db = getDb();
	const course = await getCourse();
	// After a content change, the dashboard's summaries are rebuilt for the new question versions.
	syncDashboardSummaries(db, course);
};

const guestPages = new GuestPageCache();

/**
 * Security headers on every response (see security-headers.ts), around the session handling;
 * course pages for visitors without a session come from the guest page cache once rendered.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const cacheable = guestPages.applies(event.request, event.url, event.cookies.get(sessionCookieName(event.url)) !== undefined);
	const stored = cacheable ? guestPages.get(event.url.pathname) : null;
	if (stored) return stored;
	const response = await handleSession({ event, resolve });
	try {
		setSecurityHeaders(response.headers, event.url);
	} catch {
		// A response with immutable headers (a redirect made by fetch) is sent as it is.
	}
	return cacheable ? guestPages.store(event.url.pathname, response) : response;
};

/** Fills locals.user and locals.session from the session cookie, renewing it as it slides. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName(event.url));
	event.locals.pendingTwoFactor = null;
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = validateSessionToken(getDb(), token);
	if (session) setSessionTokenCookie(event, token, session.expiresAt);
	else deleteSessionTokenCookie(event);
	if (session && user.twoFactorEnabled && !session.twoFactorVerified) {
		// Password given, code not yet: not signed in until /login/two-factor.
		event.locals.pendingTwoFactor = { sessionId: session.id, userId: user.id };
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

/** Log the real error on the server; show the learner only a friendly sentence. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: 'Something went wrong on our side. Your work is saved; please try again.' };
};
