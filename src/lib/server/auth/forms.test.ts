import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createClass } from '../db/classes';
import { sqliteClient, openDatabase } from '../db/open';
import { enrollments, passwordResets, users } from '../db/schema';
import { signUp } from './accounts';
import { INSTRUCTORS_DO_NOT_JOIN, joinClassAction, logInAction, resetPasswordAction, safeRedirectTarget } from './forms';
import { issueResetCode } from './password-reset';
import type { SessionUser } from './session';
import { first } from '../db/results';

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'purple kettles argue at dawn';
const db = openDatabase(':memory:');
afterAll(() => sqliteClient(db).close());

describe('safeRedirectTarget', () => {
	it('keeps paths on this site, with their query and fragment', async () => {
		expect(safeRedirectTarget('/lessons/x?y=1#z', ORIGIN)).toBe('/lessons/x?y=1#z');
		expect(safeRedirectTarget('/teach', ORIGIN)).toBe('/teach');
		expect(safeRedirectTarget('/teach/classes/abc?sort=score#matrix', ORIGIN)).toBe('/teach/classes/abc?sort=score#matrix');
		expect(safeRedirectTarget('/join?code=ABCD2345', ORIGIN)).toBe('/join?code=ABCD2345');
		// Already percent-encoded characters stay as they are.
		expect(safeRedirectTarget('/lessons/x?q=%C3%BC', ORIGIN)).toBe('/lessons/x?q=%C3%BC');
	});

	it('sends anything that could leave the site to /progress', async () => {
		const hostile = [
			'//evil.com',
			'///evil.com',
			'/\\evil.com',
			'\\\\evil.com',
			'/\t/example.com', // what ?next=/%09/example.com decodes to
			'/\n/example.com',
			'/\r\n/example.com',
			'/ /\t/example.com',
			'/\u0000x',
			'/x\u007f',
			'https://evil.com',
			'http://localhost:3000.evil.com/',
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'evil.com',
			'.//evil.com',
			'/.//evil.com', // parses to the path //evil.com
			'/..//evil.com',
			'/a/..//evil.com',
			'/%2e//evil.com',
			'',
			null
		];
		for (const value of hostile) expect(safeRedirectTarget(value, ORIGIN), JSON.stringify(value)).toBe('/progress');
		// Or to the fallback given (an instructor's classes).
		for (const value of hostile) expect(safeRedirectTarget(value, ORIGIN, '/teach'), JSON.stringify(value)).toBe('/teach');
	});

	it('gives only same-site, ASCII paths (non-ASCII is percent-encoded, never a raw header byte)', async () => {
		expect(safeRedirectTarget('/ünï', ORIGIN)).toBe('/%C3%BCn%C3%AF');
		expect(safeRedirectTarget('/x?q=ü#ï', ORIGIN)).toBe('/x?q=%C3%BC#%C3%AF');
		for (const value of ['/ünï', '/%09/example.com', '/\u2028x', '/\u00a0', '/😀', '/%2F/evil.com', '/a?b=//evil.com']) {
			const target = safeRedirectTarget(value, ORIGIN);
			expect(target, JSON.stringify(value)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
			expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
		}
	});
});

/** Just enough of a request for the flows under test. */
function fakeEvent(address: string, locals: Partial<App.Locals> = {}, path = '/login'): RequestEvent {
	return {
		getClientAddress: () => address,
		url: new URL(path, ORIGIN),
		locals: { user: null, session: null, pendingTwoFactor: null, ...locals },
		cookies: { set: () => {}, delete: () => {} }
	} as unknown as RequestEvent;
}

function loginForm(username: string, password: string): FormData {
	const form = new FormData();
	form.set('username', username);
	form.set('password', password);
	return form;
}

/** The status an action answered with: a failure's, or 303 for a redirect. */
async function statusOf(action: () => Promise<unknown>): Promise<number> {
	try {
		const result = await action();
		return isActionFailure(result) ? result.status : 200;
	} catch (error) {
		if (isRedirect(error)) return error.status;
		throw error;
	}
}

let accounts = 0;
async function account(role: 'student' | 'instructor' = 'student'): Promise<{ username: string; id: string }> {
	const username = `user_${++accounts}`;
	const result = await signUp(db, { username, displayName: username, password: PASSWORD, role }, null);
	if (!result.ok) throw new Error(result.message);
	return { username, id: result.userId };
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('signing in: wrong passwords per username', () => {
	it('sent all at once, at most ten are checked, and then even the right one is refused', async () => {
		const { username } = await account();
		// Each from its own address, as a spread-out attack would be.
		const statuses = await Promise.all(
			Array.from({ length: 30 }, (_, i) => statusOf(() => logInAction(db, fakeEvent(`10.0.0.${i}`), loginForm(username, `wrong guess ${i}`))))
		);
		expect(count(statuses, 400)).toBe(10); // checked and refused
		expect(count(statuses, 429)).toBe(20); // not checked
		expect(await statusOf(() => logInAction(db, fakeEvent('10.0.1.1'), loginForm(username, PASSWORD)))).toBe(429);
	});

	it('the right password after fewer failures signs in and clears them', async () => {
		const { username } = await account();
		const wrong = await Promise.all(
			Array.from({ length: 9 }, (_, i) => statusOf(() => logInAction(db, fakeEvent('10.0.2.1'), loginForm(username, `wrong guess ${i}`))))
		);
		expect(wrong).toEqual(Array(9).fill(400));
		expect(await statusOf(() => logInAction(db, fakeEvent('10.0.2.1'), loginForm(username.toUpperCase(), PASSWORD)))).toBe(303);
		// Cleared: ten more wrong tries are all checked again.
		for (let i = 0; i < 10; i++) {
			expect(await statusOf(() => logInAction(db, fakeEvent('10.0.2.1'), loginForm(username, `again ${i}`)))).toBe(400);
		}
		expect(await statusOf(() => logInAction(db, fakeEvent('10.0.2.1'), loginForm(username, PASSWORD)))).toBe(429);
	});
});

function resetForm(username: string, code: string, password: string): FormData {
	const form = new FormData();
	form.set('username', username);
	form.set('code', code);
	form.set('password', password);
	return form;
}

describe('reset codes per address', () => {
	it('sent all at once, at most ten are checked', async () => {
		const { username } = await account();
		const statuses = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				statusOf(() => resetPasswordAction(db, fakeEvent('10.1.0.1'), resetForm(username, `AAAAA-AAA${i}`, 'seven quiet owls read maps')))
			)
		);
		expect(count(statuses, 400)).toBe(10);
		expect(count(statuses, 429)).toBe(20);
	});

	it('a right code still works after a few wrong ones, and gives its try back', async () => {
		const teacher = await account('instructor');
		const student = await account();
		const code = (await issueResetCode(db, teacher.id, student.id))!;
		const event = () => fakeEvent('10.1.0.2');
		for (let i = 0; i < 8; i++) {
			expect(await statusOf(() => resetPasswordAction(db, event(), resetForm(student.username, 'WRONG-CODE0', 'seven quiet owls read maps')))).toBe(400);
		}
		// The right code with a password we refuse does not cost a try...
		expect(await statusOf(() => resetPasswordAction(db, event(), resetForm(student.username, code, 'short')))).toBe(400);
		// ...nor does the right code that sets the password.
		expect(await statusOf(() => resetPasswordAction(db, event(), resetForm(student.username, code, 'seven quiet owls read maps')))).toBe(303);
		// A refund is not a reset: the eight wrong tries still count, so two more are checked, then no more.
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) statuses.push(await statusOf(() => resetPasswordAction(db, event(), resetForm(student.username, 'WRONG-CODE1', 'x'))));
		expect(statuses).toEqual([400, 400, 429]);
	});

	it('cannot set an instructor’s password, even with a stored code', async () => {
		const owner = await account('instructor');
		const colleague = await account('instructor');
		await db.insert(passwordResets)
			.values({
				id: crypto.randomUUID(),
				userId: colleague.id,
				codeHash: encodeHexLowerCase(sha256(new TextEncoder().encode('ABCDEFGHJK'))),
				issuedBy: owner.id,
				expiresAt: new Date(Date.now() + 60_000)
			});
		expect(await statusOf(() => resetPasswordAction(db, fakeEvent('10.1.0.3'), resetForm(colleague.username, 'ABCDE-FGHJK', 'seven quiet owls read maps')))).toBe(400);
	});
});

async function sessionUser(role: 'student' | 'instructor'): Promise<SessionUser> {
	const { id, username } = await account(role);
	return { id, role, username, displayName: username, twoFactorEnabled: false };
}

describe('join codes', () => {
	it('refuse instructors with a clear message, and enroll nobody', async () => {
		const owner = await account('instructor');
		const klass = await createClass(db, owner.id, 'Period 5', null);
		const colleague = await sessionUser('instructor');
		const result = await joinClassAction(db, colleague, klass.joinCode!);
		expect(isActionFailure(result)).toBe(true);
		expect(result).toMatchObject({ status: 400, data: { message: INSTRUCTORS_DO_NOT_JOIN } });
		expect((await db.select().from(enrollments).where(eq(enrollments.userId, colleague.id)))).toEqual([]);
	});

	it('sent all at once, at most ten wrong ones are checked', async () => {
		const student = await sessionUser('student');
		const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => statusOf(() => joinClassAction(db, student, `WRONG${i}`))));
		expect(count(statuses, 400)).toBe(10);
		expect(count(statuses, 429)).toBe(20);
	});

	it('a right code joins and gives its try back, without wiping the wrong ones', async () => {
		const owner = await account('instructor');
		const klass = await createClass(db, owner.id, 'Period 6', null);
		const student = await sessionUser('student');
		for (let i = 0; i < 9; i++) expect(await statusOf(() => joinClassAction(db, student, `NOPE${i}`))).toBe(400);
		// Joining a class one already knows, again and again, must not reset the count.
		for (let i = 0; i < 3; i++) expect(await joinClassAction(db, student, klass.joinCode!)).toEqual({ joined: 'Period 6' });
		expect(await statusOf(() => joinClassAction(db, student, 'NOPE10'))).toBe(400);
		expect(await statusOf(() => joinClassAction(db, student, 'NOPE11'))).toBe(429);
		expect((await first(db.select().from(users).where(eq(users.id, student.id))))?.role).toBe('student');
	});
});
