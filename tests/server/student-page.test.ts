// An instructor's page of one student is paginated: a student with thousands of answers gets a
// page of 100 (newest first) with "Older"/"Newer" links that work without JavaScript, not a page
// of megabytes. The attempts are inserted straight into the database the server uses.
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORT = 4501;
const ORIGIN = serverOrigin(PORT);
const ATTEMPTS = 3_000;
const PASSWORD = 'purple kettles argue at dawn';

const dir = mkdtempSync(join(tmpdir(), 'course-student-page-'));
const databaseFile = join(dir, 'app.db');
let server: ChildProcess;
let teacherCookie: string;
let studentPath: string;
/** The student's attempt ids, newest first. */
let attemptIds: number[];

/** A form post as a browser without JavaScript sends it; the redirect is not followed. */
function post(path: string, form: Record<string, string>, cookie = '') {
	return fetch(`${ORIGIN}${path}`, {
		method: 'POST',
		headers: { origin: ORIGIN, cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form),
		redirect: 'manual'
	});
}

async function signUp(username: string, role: 'student' | 'instructor'): Promise<string> {
	const response = await post('/signup', { username, displayName: `${username} name`, password: PASSWORD, role });
	expect(response.status, `sign-up of ${username}`).toBe(303);
	return response.headers.get('set-cookie')!.match(/session=[^;]+/)![0];
}

async function get(path: string): Promise<{ status: number; html: string }> {
	const response = await fetch(`${ORIGIN}${path}`, { headers: { cookie: teacherCookie } });
	return { status: response.status, html: await response.text() };
}

const idsOn = (html: string) => [...html.matchAll(/id="attempt-(\d+)"/g)].map((m) => Number(m[1]));
const href = (html: string, rel: 'next' | 'prev') => html.match(new RegExp(`<a href="([^"]+)" rel="${rel}"`))?.[1].replaceAll('&amp;', '&') ?? null;

beforeAll(async () => {
	server = startServer({ port: PORT, databaseFile });
	await waitUntilHealthy(ORIGIN, server);

	teacherCookie = await signUp('teacher', 'instructor');
	const created = await post('/teach?/create', { name: 'Period 3' }, teacherCookie);
	expect(created.status).toBe(303);
	const classPath = created.headers.get('location')!;
	const code = (await get(classPath)).html.match(/class="code[^"]*">([A-Z2-9]{8})</)![1];
	const studentCookie = await signUp('busy_student', 'student');
	expect((await post('/join', { code }, studentCookie)).status).toBeLessThan(400);

	// One real answer through the app, then copies of it straight into the database.
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
	const question = Object.values(publicQuestions(course, lesson.questionIds))[0];
	const answered = await post(`/lessons/${lesson.slug}?/answer`, Object.fromEntries(sampleAnswer(question)), studentCookie);
	expect(answered.status).toBeLessThan(400);

	const db = new Database(databaseFile);
	try {
		const studentId = db.prepare("select id from users where username = 'busy_student'").pluck().get() as string;
		studentPath = `${classPath}/students/${studentId}`;
		db.prepare(
			`with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
			 insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, neutral_seen, neutral_flagged, created_at)
			 select a.user_id, a.lesson_slug, a.question_id, a.content_version, a.response, a.earned, a.total, a.neutral_seen, a.neutral_flagged, a.created_at + n.i * 60000
			   from attempts a, n where a.user_id = ?`
		).run(ATTEMPTS - 1, studentId);
		attemptIds = db.prepare('select id from attempts where user_id = ? order by id desc').pluck().all(studentId) as number[];
	} finally {
		db.close();
	}
	expect(attemptIds).toHaveLength(ATTEMPTS);
}, 60_000);

afterAll(async () => {
	server.kill();
	await stopped(server);
	rmSync(dir, { recursive: true, force: true });
});

describe('a student with thousands of answers', () => {
	it('gets a page of the newest 100, of bounded size, with a link to older answers', async () => {
		const { status, html } = await get(studentPath);
		expect(status).toBe(200);
		// 100 answers with their feedback; all 3,000 of them made a page of megabytes.
		expect(html.length).toBeLessThan(500_000);
		expect(idsOn(html)).toEqual(attemptIds.slice(0, 100));
		expect(html).toContain('Showing 1–100 of 3,000 answers, newest first');
		expect(href(html, 'next')).toBe(`?before=${attemptIds[99]}`);
		expect(href(html, 'prev')).toBeNull();
	});

	it('pages on to the next 100 and back, by plain links', async () => {
		const first = await get(studentPath);
		const second = await get(`${studentPath}${href(first.html, 'next')}`);
		expect(second.status).toBe(200);
		expect(idsOn(second.html)).toEqual(attemptIds.slice(100, 200));
		expect(second.html).toContain('Showing 101–200 of 3,000 answers, newest first');
		const back = await get(`${studentPath}${href(second.html, 'prev')}`);
		expect(idsOn(back.html)).toEqual(attemptIds.slice(0, 100));
	});

	it('ends with the oldest answers and no link further back', async () => {
		const last = await get(`${studentPath}?before=${attemptIds[2_949]}`);
		expect(idsOn(last.html)).toEqual(attemptIds.slice(2_950));
		expect(last.html).toContain('Showing 2,951–3,000 of 3,000 answers, newest first');
		expect(href(last.html, 'next')).toBeNull();
		expect(href(last.html, 'prev')).toBe(`?after=${attemptIds[2_950]}`);
	});

	it('refuses a page address that is not an attempt id', async () => {
		expect((await get(`${studentPath}?before=abc`)).status).toBe(400);
	});
});
