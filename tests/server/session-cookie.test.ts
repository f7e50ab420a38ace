// The session cookie is `__Host-session` (Secure, Path=/, no Domain) when the app is served over
// HTTPS, and plain `session` over http, where browsers refuse __Host- cookies. The HTTPS server is
// the built app with ORIGIN=https://…: requests still travel over plain http on loopback, with
// that Origin header, and SvelteKit takes the protocol from ORIGIN.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const HTTPS_PORT = 4502;
const HTTP_PORT = 4503;
const PASSWORD = 'purple kettles argue at dawn';

const dir = mkdtempSync(join(tmpdir(), 'course-session-cookie-'));
const servers: ChildProcess[] = [];
let lessonSlug: string;
let answerForm: [string, string][];

/** A server that believes it is reached at https://localhost:<port> (startServer always sets an http ORIGIN). */
function startHttpsServer(port: number): ChildProcess {
	return spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `https://localhost:${port}`, DATABASE_URL: join(dir, 'https.db') },
		stdio: 'ignore'
	});
}

/** A client of one server: `address` is where requests go, `origin` what the app is told it is. */
function client(address: string, origin: string) {
	return (path: string, { form, cookie = '' }: { form?: [string, string][] | Record<string, string>; cookie?: string } = {}) =>
		fetch(`${address}${path}`, {
			method: form ? 'POST' : 'GET',
			headers: { origin, cookie, accept: 'text/html', ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
			body: form ? new URLSearchParams(form) : undefined,
			redirect: 'manual'
		});
}

const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

beforeAll(async () => {
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
	lessonSlug = lesson.slug;
	answerForm = sampleAnswer(Object.values(publicQuestions(course, lesson.questionIds))[0]);
	servers.push(startHttpsServer(HTTPS_PORT), startServer({ port: HTTP_PORT, databaseFile: join(dir, 'http.db') }));
	await Promise.all([waitUntilHealthy(serverOrigin(HTTPS_PORT), servers[0]), waitUntilHealthy(serverOrigin(HTTP_PORT), servers[1])]);
}, 30_000);

afterAll(async () => {
	for (const server of servers) server.kill();
	await Promise.all(servers.map(stopped));
	rmSync(dir, { recursive: true, force: true });
});

describe('over HTTPS', () => {
	const request = client(serverOrigin(HTTPS_PORT), `https://localhost:${HTTPS_PORT}`);

	it('a first answer sets __Host-session: Secure, Path=/, no Domain', async () => {
		const response = await request(`/lessons/${lessonSlug}?/answer`, { form: answerForm });
		expect(response.status).toBeLessThan(400);
		const setCookie = response.headers.get('set-cookie')!;
		expect(setCookie).toMatch(/^__Host-session=[a-z2-7]{32};/);
		expect(setCookie).toMatch(/; Secure(;|$)/);
		expect(setCookie).toMatch(/; Path=\/(;|$)/);
		expect(setCookie).toMatch(/; HttpOnly(;|$)/);
		expect(setCookie).not.toMatch(/Domain=/i);
	});

	it('a sign-up sets it, and it is accepted back; a cookie named `session` is not', async () => {
		const username = unique('https');
		const signedUp = await request('/signup', { form: { username, displayName: 'Https Student', password: PASSWORD, role: 'student' } });
		expect(signedUp.status).toBe(303);
		const token = signedUp.headers.get('set-cookie')!.match(/^__Host-session=([^;]+);.*; Secure/)![1];

		const account = await request('/account', { cookie: `__Host-session=${token}` });
		expect(account.status).toBe(200);
		expect(await account.text()).toContain(username);
		// The guest page cache must see the cookie too: the lesson shows who is signed in.
		await (await request(`/lessons/${lessonSlug}`)).text();
		expect(await (await request(`/lessons/${lessonSlug}`, { cookie: `__Host-session=${token}` })).text()).toContain('Https Student');

		const plainName = await request('/account', { cookie: `session=${token}` });
		expect(plainName.status).toBe(303);
		expect(plainName.headers.get('location')).toMatch(/^\/login/);
	});
});

describe('over plain http', () => {
	const request = client(serverOrigin(HTTP_PORT), serverOrigin(HTTP_PORT));

	it('the cookie stays `session`, without Secure, and is accepted back', async () => {
		const answered = await request(`/lessons/${lessonSlug}?/answer`, { form: answerForm });
		expect(answered.headers.get('set-cookie')).toMatch(/^session=[a-z2-7]{32};/);

		const username = unique('http');
		const signedUp = await request('/signup', { form: { username, displayName: 'Http Student', password: PASSWORD, role: 'student' } });
		expect(signedUp.status).toBe(303);
		const setCookie = signedUp.headers.get('set-cookie')!;
		expect(setCookie).toMatch(/^session=[^;]+;/);
		expect(setCookie).not.toMatch(/Secure/i);
		const account = await request('/account', { cookie: setCookie.split(';')[0] });
		expect(account.status).toBe(200);
		expect(await account.text()).toContain(username);
	});
});
