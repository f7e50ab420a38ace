// The sign-up, sign-in and sign-out flows behind the /signup, /login and /logout form actions.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import type { AppDatabase } from '../db/open';
import { field as text } from '../form-action';
import { checkCredentials, mergeGuestInto, normaliseUsername, signUp, type Role } from './accounts';
import { rateLimits } from './rate-limit';
import { totpSecretOf } from './two-factor';
import {
	createSession,
	deleteSessionTokenCookie,
	generateSessionToken,
	invalidateSession,
	setSessionTokenCookie
} from './session';

/** A fresh session on every sign-in: any session the visitor had (a guest's) is ended first. */
export function startSession(db: AppDatabase, event: RequestEvent, userId: string): void {
	if (event.locals.session) invalidateSession(db, event.locals.session.id);
	if (event.locals.pendingTwoFactor) invalidateSession(db, event.locals.pendingTwoFactor.sessionId);
	const token = generateSessionToken();
	const session = createSession(db, token, userId);
	setSessionTokenCookie(event, token, session.expiresAt);
}

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export function safeRedirectTarget(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/progress';
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
	const key = normaliseUsername(username);
	const userLimited = await rateLimits.blocked('loginFailuresPerUsername', key);
	if (userLimited) return refuse(userLimited, 429);

	const userId = await checkCredentials(db, username, text(form, 'password'));
	if (!userId) {
		await rateLimits.consume('loginFailuresPerUsername', key);
		return refuse(WRONG_CREDENTIALS);
	}
	await rateLimits.reset('loginFailuresPerUsername', key);
	// Signing in from a guest session brings the guest's answers along.
	if (event.locals.user?.role === 'guest') mergeGuestInto(db, event.locals.user.id, userId);
	startSession(db, event, userId);
	const next = safeRedirectTarget(event.url.searchParams.get('next'));
	if (totpSecretOf(db, userId)) redirect(303, `/login/two-factor?next=${encodeURIComponent(next)}`);
	redirect(303, next);
}

export function logOutAction(db: AppDatabase, event: RequestEvent) {
	if (event.locals.session) invalidateSession(db, event.locals.session.id);
	if (event.locals.pendingTwoFactor) invalidateSession(db, event.locals.pendingTwoFactor.sessionId);
	deleteSessionTokenCookie(event);
	redirect(303, '/');
}
