import { isRedirect, type RequestEvent } from '@sveltejs/kit';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { createClass, isEnrolled, updateClass } from '../db/classes';
import { sqliteClient, openDatabase } from '../db/open';
import { recordAttempt } from '../progress/attempts';
import { signUp } from './accounts';
import { homeAfterSignIn, logInAction, signUpAction } from './forms';
import { carriedJoinCode, joinPath, joinView, lookUpJoinCode, typedJoinCode, UNKNOWN_CODE } from './join';
import type { SessionUser } from './session';
import { first } from '../db/results';

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'purple kettles argue at dawn';
const db = openDatabase(':memory:');
let course: Course;
beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
}, 60_000);
afterAll(() => sqliteClient(db).close());

let made = 0;
async function account(role: 'student' | 'instructor', displayName = `Person ${made + 1}`): Promise<SessionUser> {
	const username = `join_${++made}`;
	const result = await signUp(db, { username, displayName, password: PASSWORD, role }, null);
	if (!result.ok) throw new Error(result.message);
	return { id: result.userId, role, username, displayName, twoFactorEnabled: false };
}

function guest(): SessionUser {
	const id = crypto.randomUUID();
	sqliteClient(db).prepare("insert into users (id, role) values (?, 'guest')").run(id);
	return { id, role: 'guest', username: null, displayName: null, twoFactorEnabled: false };
}

const locals = (user: SessionUser | null): App.Locals => ({ user, session: null, pendingTwoFactor: null }) as unknown as App.Locals;

function event(path: string, user: SessionUser | null, address = '10.9.0.1'): RequestEvent {
	return {
		getClientAddress: () => address,
		url: new URL(path, ORIGIN),
		locals: locals(user),
		cookies: { set: () => {}, delete: () => {} }
	} as unknown as RequestEvent;
}

async function redirectOf(action: () => Promise<unknown>): Promise<string> {
	try {
		await action();
	} catch (error) {
		if (isRedirect(error)) return error.location;
		throw error;
	}
	throw new Error('no redirect');
}

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

async function openClass(name: string, teacher = 'Ms Rivera') {
	const owner = await account('instructor', teacher);
	return { owner, klass: await createClass(db, owner.id, name, null) };
}

describe('join codes in addresses', () => {
	it('are normalised as typed, and only letters and digits travel through sign-in', async () => {
		expect(typedJoinCode(' abcd-2345 ')).toBe('ABCD2345');
		expect(typedJoinCode(null)).toBe('');
		expect(typedJoinCode('x'.repeat(100))).toHaveLength(24);
		expect(carriedJoinCode(new URL('/login?join=abcd2345', ORIGIN))).toBe('ABCD2345');
		expect(carriedJoinCode(new URL('/login?join=%2F%2Fevil.com', ORIGIN))).toBeNull();
		expect(carriedJoinCode(new URL('/login', ORIGIN))).toBeNull();
		expect(joinPath('abcd 2345')).toBe('/join?code=ABCD2345');
	});
});

describe('the join page', () => {
	it('shows a visitor the class and its teacher, and offers an account', async () => {
		const { klass } = await openClass('Period 3 Media', 'Ms Rivera');
		expect(await joinView(db, course, locals(null), '10.9.1.1', klass.joinCode!)).toEqual({
			kind: 'invite',
			klass: { name: 'Period 3 Media', teacher: 'Ms Rivera' },
			guestAnswers: 0
		});
	});

	it('tells a guest that their answers come along', async () => {
		const { klass } = await openClass('Period 4');
		const visitor = guest();
		const question = course.lessons[2].questionIds[0];
		await recordAttempt(db, {
			userId: visitor.id,
			lessonSlug: course.lessons[2].slug,
			questionId: question,
			contentVersion: course.questions.get(question)!.version,
			response: { selected: [] },
			earned: 0,
			total: 1,
			neutralSeen: 0,
			neutralFlagged: 0,
			framedSeen: 0,
			framedMissed: 0
		});
		expect(await joinView(db, course, locals(visitor), '10.9.1.2', klass.joinCode!)).toMatchObject({ kind: 'invite', guestAnswers: 1 });
	});

	it('gives a student one button, and once in the class, lesson 0 to start with', async () => {
		const { klass } = await openClass('Period 5');
		const student = await account('student');
		expect(await joinView(db, course, locals(student), '10.9.1.3', klass.joinCode!)).toMatchObject({ kind: 'confirm' });
		sqliteClient(db).prepare('insert into enrollments (class_id, user_id) values (?, ?)').run(klass.id, student.id);
		expect(await joinView(db, course, locals(student), '10.9.1.3', klass.joinCode!)).toMatchObject({
			kind: 'joined',
			klass: { name: 'Period 5' },
			next: { kind: 'start', lesson: { number: 0 } }
		});
	});

	it('tells an instructor the link is for students, and whether the class is theirs', async () => {
		const { owner, klass } = await openClass('Period 6', 'Mr Lee');
		const colleague = await account('instructor');
		expect(await joinView(db, course, locals(colleague), '10.9.1.4', klass.joinCode!)).toEqual({
			kind: 'instructor',
			klass: { name: 'Period 6', teacher: 'Mr Lee' },
			own: false
		});
		expect(await joinView(db, course, locals(owner), '10.9.1.4', klass.joinCode!)).toMatchObject({ kind: 'instructor', own: true });
	});

	it('says plainly when a code is wrong, or its class has closed', async () => {
		expect(await joinView(db, course, locals(null), '10.9.1.5', 'WRONG234')).toEqual({ kind: 'enter', problem: UNKNOWN_CODE('WRONG234') });
		const { klass } = await openClass('Period 7', 'Ms Ode');
		await updateClass(db, klass.id, { archivedAt: new Date() });
		const view = await joinView(db, course, locals(null), '10.9.1.5', klass.joinCode!);
		expect(view).toMatchObject({ kind: 'enter', problem: expect.stringContaining('Period 7 (Ms Ode’s class) has closed') });
	});
});

describe('looking a code up', () => {
	it('counts wrong codes per address for visitors, and gives a right one its try back', async () => {
		const { klass } = await openClass('Period 8');
		const results = await Promise.all(Array.from({ length: 110 }, (_, i) => lookUpJoinCode(db, `NOPE${i}`, locals(null), '10.9.2.1')));
		const limited = results.filter((r) => !r.ok && r.message.startsWith('Too many attempts')).length;
		expect(limited).toBe(10);
		// The address is used up: even a right code is not looked up now.
		expect(await lookUpJoinCode(db, klass.joinCode!, locals(null), '10.9.2.1')).toMatchObject({ ok: false });
		// Right codes do not use the limit up.
		for (let i = 0; i < 120; i++) expect(await lookUpJoinCode(db, klass.joinCode!, locals(null), '10.9.2.2')).toMatchObject({ ok: true });
	});

	it('counts a signed-in account by itself, as joining does (ten wrong codes)', async () => {
		const student = await account('student');
		const results = await Promise.all(Array.from({ length: 12 }, (_, i) => lookUpJoinCode(db, `NOPE${i}`, locals(student), '10.9.2.3')));
		expect(results.filter((r) => !r.ok && r.message.startsWith('Too many attempts'))).toHaveLength(2);
	});
});

describe('joining through sign-up and sign-in', () => {
	it('signing up from a join link makes the student a member and leads to the class page', async () => {
		const { klass } = await openClass('Period 9');
		const location = await redirectOf(() =>
			signUpAction(db, event(`/signup?join=${klass.joinCode!.toLowerCase()}`, null, '10.9.3.1'), form({ username: 'joiner_one', displayName: 'Jo', password: PASSWORD, role: 'student' }))
		);
		expect(location).toBe(`/join?code=${klass.joinCode}`);
		const id = sqliteClient(db).prepare("select id from users where username = 'joiner_one'").pluck().get() as string;
		expect(await isEnrolled(db, klass.id, id)).toBe(true);
	});

	it('signing in from a join link joins too; an instructor is not enrolled', async () => {
		const { klass } = await openClass('Period 10');
		const student = await account('student');
		expect(await redirectOf(() => logInAction(db, event(`/login?join=${klass.joinCode}`, null, '10.9.3.2'), form({ username: student.username!, password: PASSWORD })))).toBe(
			`/join?code=${klass.joinCode}`
		);
		expect(await isEnrolled(db, klass.id, student.id)).toBe(true);

		const teacher = await account('instructor');
		expect(await redirectOf(() => logInAction(db, event(`/login?join=${klass.joinCode}`, null, '10.9.3.2'), form({ username: teacher.username!, password: PASSWORD })))).toBe(
			`/join?code=${klass.joinCode}`
		);
		expect(await isEnrolled(db, klass.id, teacher.id)).toBe(false);
	});

	it('with two-factor sign-in, carries the code to the second step, and joins only after it', async () => {
		const { klass } = await openClass('Period 11');
		const student = await account('student');
		sqliteClient(db).prepare("update users set totp_secret = 'JBSWY3DPEHPK3PXP' where id = ?").run(student.id);
		const location = await redirectOf(() =>
			logInAction(db, event(`/login?join=${klass.joinCode}`, null, '10.9.3.4'), form({ username: student.username!, password: PASSWORD }))
		);
		expect(location).toBe(`/login/two-factor?next=${encodeURIComponent(`/join?code=${klass.joinCode}`)}&join=${klass.joinCode}`);
		expect(await isEnrolled(db, klass.id, student.id)).toBe(false);
	});

	it('sends instructors to their classes after signing in, and learners to their progress, unless next says otherwise', async () => {
		expect(homeAfterSignIn('instructor')).toBe('/teach');
		expect(homeAfterSignIn('student')).toBe('/progress');
		const teacher = await account('instructor');
		expect(await redirectOf(() => logInAction(db, event('/login', null, '10.9.3.3'), form({ username: teacher.username!, password: PASSWORD })))).toBe('/teach');
		expect(
			await redirectOf(() => logInAction(db, event('/login?next=%2Faccount', null, '10.9.3.3'), form({ username: teacher.username!, password: PASSWORD })))
		).toBe('/account');
		const student = await account('student');
		expect(await redirectOf(() => logInAction(db, event('/login', null, '10.9.3.3'), form({ username: student.username!, password: PASSWORD })))).toBe('/progress');
	});
});
