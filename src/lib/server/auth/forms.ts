// The flows behind the form actions that check a password or a code: /signup, /login,
// /login/two-factor, /reset, /join and /logout. Each guessable check is rate limited, and the
// try is counted before the check, so many tries sent at once cannot all be checked.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { joinClassByCode } from '../db/classes';
import type { AppDatabase } from '../db/open';
import { field as text } from '../form-action';
import { checkCredentials, mergeGuestInto, normaliseUsername, signUp, type Role } from './accounts';
import { redeemResetCode } from './password-reset';
import { rateLimits } from './rate-limit';
import type { SessionUser } from './session';
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
export function startSession(
	db: AppDatabase,
	event: RequestEvent,
	userId: string,
	options: { twoFactorVerified?: boolean } = {}
): void {
	if (event.locals.session) invalidateSession(db, event.locals.session.id);
	if (event.locals.pendingTwoFactor) invalidateSession(db, event.locals.pendingTwoFactor.sessionId);
	const token = generateSessionToken();
	const session = createSession(db, token, userId, Date.now(), options.twoFactorVerified ?? false);
	setSessionTokenCookie(event, token, session.expiresAt);
}

const AFTER_SIGN_IN = '/progress';
// Browsers drop tabs and newlines from addresses and read `\` as `/`, so `/\t/evil.com` and
// `/\\evil.com` would lead to another site; such values are never a link of ours anyway.
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Where to go after signing in: only a path on this site (`origin` is the app's own,
 * event.url.origin), else /progress, so a crafted link cannot send people elsewhere. The
 * path is rebuilt from the parsed address, which also percent-encodes anything non-ASCII
 * (a raw `ü` in a Location header would make the response fail).
 */
export function safeRedirectTarget(value: string | null, origin: string): string {
	if (!value || !value.startsWith('/') || CONTROL_OR_BACKSLASH.test(value)) return AFTER_SIGN_IN;
	let url: URL;
	try {
		url = new URL(value, origin);
	} catch {
		return AFTER_SIGN_IN;
	}
	if (url.origin !== origin) return AFTER_SIGN_IN;
	const path = url.pathname + url.search + url.hash;
	// `/.//evil.com` parses to the path `//evil.com`, which a browser reads as another site.
	return path.startsWith('//') ? AFTER_SIGN_IN : path;
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
	startSession(db, event, result.userId);
	redirect(303, values.role === 'instructor' ? '/teach' : '/progress');
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
	if (event.locals.user?.role === 'guest') mergeGuestInto(db, event.locals.user.id, userId);
	startSession(db, event, userId);
	const next = safeRedirectTarget(event.url.searchParams.get('next'), event.url.origin);
	if (totpSecretOf(db, userId)) redirect(303, `/login/two-factor?next=${encodeURIComponent(next)}`);
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
	markSessionTwoFactorVerified(db, pending.sessionId);
	redirect(303, safeRedirectTarget(event.url.searchParams.get('next'), event.url.origin));
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
	startSession(db, { ...event, locals: { ...event.locals, session: null } }, result.userId);
	redirect(303, '/progress');
}

export const INSTRUCTORS_DO_NOT_JOIN =
	'This code is for students. Instructors do not join classes; your own classes are under My classes.';

export async function joinClassAction(db: AppDatabase, user: SessionUser, code: string) {
	if (user.role !== 'student') return fail(400, { code, message: INSTRUCTORS_DO_NOT_JOIN });
	const limited = await rateLimits.consume('codeFailures', user.id);
	if (limited) return fail(429, { code, message: limited });
	const joined = joinClassByCode(db, user.id, code);
	if (!joined) return fail(400, { code, message: 'No open class has that code. Check it with your instructor.' });
	// A right code gives its try back (a refund, not a reset: joining a class one already knows
	// must not wipe the count of wrong codes tried).
	await rateLimits.refund('codeFailures', user.id);
	return { joined: joined.name };
}

export function logOutAction(db: AppDatabase, event: RequestEvent) {
	if (event.locals.session) invalidateSession(db, event.locals.session.id);
	if (event.locals.pendingTwoFactor) invalidateSession(db, event.locals.pendingTwoFactor.sessionId);
	deleteSessionTokenCookie(event);
	redirect(303, '/');
}
