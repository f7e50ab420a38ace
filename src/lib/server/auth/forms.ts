// The flows behind the form actions that check a password or a code: /signup, /login,
// /login/two-factor, /reset, /join and /logout. Each guessable check is rate limited, and the
// try is counted before the check, so many tries sent at once cannot all be checked.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import type { AppDatabase } from '../db/open';
import { field as text } from '../form-action';
import { checkCredentials, mergeGuestInto, normaliseUsername, roleOf, signUp, type Role } from './accounts';
import { carriedJoinCode, joinAfterSignIn, joinPath } from './join';
import { redeemResetCode } from './password-reset';
import { rateLimits } from './rate-limit';
import { checkTwoFactorCode, markSessionTwoFactorVerified, totpSecretOf } from './two-factor';
import {
	createSession,
	deleteSessionTokenCookie,
	generateSessionToken,
	invalidateSession,
	setSessionTokenCookie
} from './session';

/**
 * A fresh session on every sign-in: any session the visitor had (a guest's) is ended first.
 * `twoFactorVerified` is for replacing a session that already passed two-factor sign-in (a
 * password change), so the device stays signed in instead of being asked for a code again.
 */
export async function startSession(
	db: AppDatabase,
	event: RequestEvent,
	userId: string,
	options: { twoFactorVerified?: boolean } = {}
): Promise<void> {
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	if (event.locals.pendingTwoFactor) await invalidateSession(db, event.locals.pendingTwoFactor.sessionId);
	const token = generateSessionToken();
	const session = await createSession(db, token, userId, Date.now(), options.twoFactorVerified ?? false);
	setSessionTokenCookie(event, token, session.expiresAt);
}

const AFTER_SIGN_IN = '/progress';

/** Where signing in leads unless a `next` says otherwise: instructors to their classes, learners to their progress. */
export function homeAfterSignIn(role: string | null): string {
	return role === 'instructor' ? '/teach' : AFTER_SIGN_IN;
}

// Browsers drop tabs and newlines from addresses and read `\` as `/`, so `/\t/evil.com` and
// `/\\evil.com` would lead to another site; such values are never a link of ours anyway.
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Where to go after signing in: only a path on this site (`origin` is the app's own,
 * event.url.origin), else `fallback` (/progress unless given), so a crafted link cannot send
 * people elsewhere. The path is rebuilt from the parsed address, which also percent-encodes
 * anything non-ASCII (a raw `ü` in a Location header would make the response fail).
 */
export function safeRedirectTarget(value: string | null, origin: string, fallback = AFTER_SIGN_IN): string {
	if (!value || !value.startsWith('/') || CONTROL_OR_BACKSLASH.test(value)) return fallback;
	let url: URL;
	try {
		url = new URL(value, origin);
	} catch {
		return fallback;
	}
	if (url.origin !== origin) return fallback;
	const path = url.pathname + url.search + url.hash;
	// `/.//evil.com` parses to the path `//evil.com`, which a browser reads as another site.
	return path.startsWith('//') ? fallback : path;
}

function codesMatch(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** What the sign-up form shows again after a refusal (never the password). */
export function signUpValues(form: FormData) {
	return {
		username: text(form, 'username').trim(),
		displayName: text(form, 'displayName').trim(),
		role: (text(form, 'role') === 'instructor' ? 'instructor' : 'student') as Role
	};
}

export async function signUpAction(db: AppDatabase, event: RequestEvent, form: FormData) {
	const values = signUpValues(form);
	const refuse = (field: string, message: string, status = 400) => fail(status, { values, field, message });

	const limited = await rateLimits.consume('signupPerIp', event.getClientAddress());
	if (limited) return refuse('form', limited, 429);

	const requiredCode = process.env.INSTRUCTOR_SIGNUP_CODE;
	if (values.role === 'instructor' && requiredCode && !codesMatch(text(form, 'instructorCode'), requiredCode)) {
		return refuse('instructorCode', 'That instructor code is not right. Ask whoever runs this site for it.');
	}
	const guestId = event.locals.user?.role === 'guest' ? event.locals.user.id : null;
	const result = await signUp(db, { ...values, password: text(form, 'password') }, guestId);
	if (!result.ok) return refuse(result.field, result.message);
	await startSession(db, event, result.userId);
	// From a join link: join the class now, and show its page.
	const join = carriedJoinCode(event.url);
	if (join) redirect(303, await joinAfterSignIn(db, result.userId, join));
	redirect(303, homeAfterSignIn(values.role));
}

const WRONG_CREDENTIALS = 'That username and password do not match an account.';

export async function logInAction(db: AppDatabase, event: RequestEvent, form: FormData) {
	const username = text(form, 'username').trim();
	const values = { username };
	const refuse = (message: string, status = 400) => fail(status, { values, field: 'form', message });

	const ipLimited = await rateLimits.consume('loginPerIp', event.getClientAddress());
	if (ipLimited) return refuse(ipLimited, 429);
	// The attempt counts before the password is checked, so guesses sent all at once cannot
	// all be checked; the right password then clears the count.
	const key = normaliseUsername(username);
	const userLimited = await rateLimits.consume('loginFailuresPerUsername', key);
	if (userLimited) return refuse(userLimited, 429);

	const userId = await checkCredentials(db, username, text(form, 'password'));
	if (!userId) return refuse(WRONG_CREDENTIALS);
	await rateLimits.reset('loginFailuresPerUsername', key);
	// Signing in from a guest session brings the guest's answers along.
	if (event.locals.user?.role === 'guest') await mergeGuestInto(db, event.locals.user.id, userId);
	await startSession(db, event, userId);
	// From a join link the class's join page comes next, after joining; else `next`, else home.
	const join = carriedJoinCode(event.url);
	const next = join
		? joinPath(join)
		: safeRedirectTarget(event.url.searchParams.get('next'), event.url.origin, homeAfterSignIn(await roleOf(db, userId)));
	if (await totpSecretOf(db, userId)) {
		redirect(303, `/login/two-factor?next=${encodeURIComponent(next)}${join ? `&join=${join}` : ''}`);
	}
	if (join) await joinAfterSignIn(db, userId, join);
	redirect(303, next);
}

export async function twoFactorSignInAction(db: AppDatabase, event: RequestEvent, form: FormData) {
	const pending = event.locals.pendingTwoFactor;
	if (!pending) redirect(303, '/login');
	const check = await checkTwoFactorCode(db, pending.userId, text(form, 'code').trim(), { recoveryCodes: true });
	if (!check.ok) {
		if (check.status === 429) return fail(429, { message: check.message });
		return fail(400, { message: 'That code is not right. Use the current code from your app, or a recovery code.' });
	}
	await markSessionTwoFactorVerified(db, pending.sessionId);
	const join = carriedJoinCode(event.url);
	if (join) redirect(303, await joinAfterSignIn(db, pending.userId, join));
	redirect(303, safeRedirectTarget(event.url.searchParams.get('next'), event.url.origin, homeAfterSignIn(await roleOf(db, pending.userId))));
}

export async function resetPasswordAction(db: AppDatabase, event: RequestEvent, form: FormData) {
	const username = text(form, 'username').trim();
	// Per address: the person resetting is not signed in.
	const key = event.getClientAddress();
	const limited = await rateLimits.consume('codeFailures', key);
	if (limited) return fail(429, { username, field: 'code', message: limited });
	const result = await redeemResetCode(db, username, text(form, 'code'), text(form, 'password'));
	// A right code (even with a new password we refuse) gives its try back. Not a reset: a
	// whole school may share the address, and one student's code must not wipe others' tries.
	if (result.ok || result.field !== 'code') await rateLimits.refund('codeFailures', key);
	if (!result.ok) return fail(400, { username, field: result.field, message: result.message });
	await startSession(db, { ...event, locals: { ...event.locals, session: null } }, result.userId);
	redirect(303, '/progress');
}

// Joining lives in join.ts; these two are exported here too, beside the other flows.
export { INSTRUCTORS_DO_NOT_JOIN, joinClassAction } from './join';

export async function logOutAction(db: AppDatabase, event: RequestEvent) {
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	if (event.locals.pendingTwoFactor) await invalidateSession(db, event.locals.pendingTwoFactor.sessionId);
	deleteSessionTokenCookie(event);
	redirect(303, '/');
}
