import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import {
	deleteSessionTokenCookie,
	sessionCookieName,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { getCourse } from '$lib/server/content';
import { syncDashboardSummaries } from '$lib/server/dashboard/summaries';
import { useSharedRateLimitStore } from '$lib/server/auth/rate-limit';
import { getDb, openConfiguredDatabase } from '$lib/server/db';
import { DIALECT } from '$lib/server/db/dialect';
import { databaseError, isDatabaseError, reportWriteFailure } from '$lib/server/db/failures';
import { startMaintenance } from '$lib/server/db/maintenance';
import { closeDatabase, DatabaseStartError, type AppDatabase } from '$lib/server/db/open';
import { GuestPageCache } from '$lib/server/guest-page-cache';
import { setSecurityHeaders } from '$lib/server/security-headers';

/**
 * Open the database (applying migrations) and load the course compiled at build before serving anything;
 * then start the WAL checkpoints and the hourly cleanup.
 */
export const init: ServerInit = async () => {
	let db: AppDatabase;
	try {
		db = await openConfiguredDatabase();
		// Several app processes on one PostgreSQL count sign-in and answer limits together.
		if (DIALECT === 'postgres') await useSharedRateLimitStore(db.$client);
	} catch (error) {
		if (!(error instanceof DatabaseStartError)) throw error;
		// One line that says what to fix, rather than a stack trace.
		console.error(error.message);
		process.exit(1);
	}
	const course = await getCourse();
	try {
		// After a content change, the dashboard's summaries are rebuilt for the new question versions.
		await syncDashboardSummaries(db, course);
	} catch (error) {
		const cause = databaseError(error);
		if (!cause) throw error;
		console.error(`Cannot prepare the database at start (${cause.code}: ${cause.message}). Check that the disk has space and the database file is writable.`);
		process.exit(1);
	}
	await startMaintenance(db);
	// After the last request (scripts/serve.js emits this), close the database: PostgreSQL's pool
	// would otherwise keep the process alive until its idle connections time out.
	process.once('sveltekit:shutdown' as never, () => void closeDatabase(db));
};

const guestPages = new GuestPageCache();

/**
 * Security headers on every response (see security-headers.ts), around the session handling;
 * course pages for visitors without a session come from the guest page cache once rendered.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const withSession = event.cookies.get(sessionCookieName(event.url)) !== undefined;
	const cacheable = guestPages.applies(event, withSession);
	const stored = cacheable ? guestPages.get(event.url.pathname) : null;
	if (stored) return stored;
	const response = await handleSession({ event, resolve });
	try {
		setSecurityHeaders(response.headers, event.url, withSession);
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
	const { session, user } = await validateSessionToken(getDb(), token);
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

/**
 * Log the real error on the server; show the learner only a plain sentence, which never claims
 * that anything was saved (the request that failed may have been the one saving it).
 */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status === 413) return { message: 'That was too large to send, so it was not saved. Please shorten it and try again.' };
	// A database that cannot read or write gets one log line per kind of failure, not a stack each time.
	if (isDatabaseError(error)) reportWriteFailure('page', error);
	// Client errors SvelteKit raises itself (404, 415…) are the client's business, not the log's.
	else if (status >= 500) console.error(error);
	// An address that matches no page at all (a route's own 404s carry their own words).
	if (status === 404) return { message: 'There is nothing at this address. Check it for a typing mistake, or start from the course page.' };
	if (status < 500) return { message: 'That address or request could not be read. Please check it and try again.' };
	return { message: 'Something went wrong on our side. Please go back and try again in a minute.' };
};
