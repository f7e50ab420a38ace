// Bodies that are not a readable form (malformed multipart, text/plain) get a 400 with a message
// from every form action, and bodies over the limit a 413 whose message says nothing was saved;
// none of them is a 500, and the server's log shows no stack trace.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORT = 4388;
const ORIGIN = serverOrigin(PORT);
const dir = mkdtempSync(join(tmpdir(), 'course-bad-bodies-'));
let server: ChildProcess;
let log = '';
let cookie = '';
let actions: string[] = [];

async function post(path: string, body: BodyInit, contentType: string, headers: Record<string, string> = {}) {
	return fetch(`${ORIGIN}${path}`, {
		method: 'POST',
		headers: { origin: ORIGIN, cookie, 'content-type': contentType, ...headers },
		body,
		redirect: 'manual'
	});
}

beforeAll(async () => {
	server = startServer({ port: PORT, databaseFile: join(dir, 'app.db'), onStderr: (chunk) => (log += chunk) });
	await waitUntilHealthy(ORIGIN, server);
	// An instructor with a class, so that every action's guard lets the request through.
	const signUp = await post(
		'/signup',
		new URLSearchParams({ username: 'teacher_bodies', displayName: 'Ms Body', password: 'purple kettles argue at dawn', role: 'instructor' }),
		'application/x-www-form-urlencoded',
		{ accept: 'text/html' }
	);
	cookie = signUp.headers.get('set-cookie')!.match(/session=[^;]+/)![0];
	const created = await post('/teach?/create', new URLSearchParams({ name: 'Bodies', description: '' }), 'application/x-www-form-urlencoded', {
		accept: 'text/html'
	});
	expect(created.status).toBe(303);
	const classPath = created.headers.get('location')!;
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => l.questionIds.length > 0)!;
	actions = [
		'/signup', '/login', '/logout', '/login/two-factor', '/join', '/reset',
		'/account?/displayName', '/account?/password', '/account?/signOutEverywhere', '/account?/delete',
		'/account/two-factor?/enable', '/account/two-factor?/disable',
		'/teach?/create',
		...['rename', 'regenerate', 'turnOff', 'archive', 'resetCode', 'removeStudent', 'restoreStudent'].map((a) => `${classPath}?/${a}`),
		'/progress?/leaveClass', '/progress?/startOver',
		`/lessons/${lesson.slug}?/answer`,
		`/lessons/${lesson.slug}?/selfCheck`,
		`${classPath}/reviews?/review`
	];
}, 30_000);

afterAll(async () => {
	server.kill();
	await stopped(server);
	rmSync(dir, { recursive: true, force: true });
});

const MALFORMED_MULTIPART = '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary';

/** The action's JSON reply (as `use:enhance` receives it): its type, status and message. */
async function actionReply(path: string, body: BodyInit, contentType: string) {
	const response = await post(path, body, contentType, { 'x-sveltekit-action': 'true', accept: 'application/json' });
	const text = await response.text();
	return { http: response.status, text, json: JSON.parse(text) as { type: string; status: number; data: string } };
}

describe('bodies that are not a form', () => {
	it('get a 400 with a message from every action', async () => {
		expect(actions).toHaveLength(25);
		for (const path of actions) {
			for (const [body, type] of [
				[MALFORMED_MULTIPART, 'multipart/form-data; boundary=xyz'],
				['a=1&b=2', 'text/plain']
			]) {
				const reply = await actionReply(path, body, type);
				expect({ path, type, status: reply.json.status, kind: reply.json.type }).toEqual({ path, type, status: 400, kind: 'failure' });
				expect(reply.json.data).toMatch(/We could not read/);
			}
		}
	});

	it('get a 413 over the size limit, saying that nothing was saved', async () => {
		const big = `a=${'x'.repeat(70_000)}`;
		for (const path of actions) {
			const reply = await actionReply(path, big, 'application/x-www-form-urlencoded');
			expect({ path, status: reply.json.status }).toEqual({ path, status: 413 });
			expect(reply.json.data).toMatch(/not saved|nothing was saved/);
		}
	});

	it('are refused with a real 400 page when a browser posts without JavaScript', async () => {
		const signedIn = cookie;
		cookie = '';
		const response = await post('/login', 'username=a', 'text/plain', { accept: 'text/html' });
		cookie = signedIn;
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('We could not read what was sent');
	});

	it('leave no stack trace in the log', () => {
		expect(log.split('\n').filter((line) => /^\s+at /.test(line))).toEqual([]);
	});
});
