// scripts/serve.js, the production entry: on SIGTERM (and SIGINT) it stops taking connections
// but lets a request in flight finish, then exits with code 0. The request is an answer whose
// body is sent only after the server has announced that it is shutting down; the answer must be
// acknowledged and stored.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { serverOrigin, stopped, waitUntilHealthy } from '../support/server';

const dir = mkdtempSync(join(tmpdir(), 'course-serve-'));
const servers: ChildProcess[] = [];

afterAll(async () => {
	for (const server of servers) server.kill('SIGKILL');
	await Promise.all(servers.map(stopped));
	rmSync(dir, { recursive: true, force: true });
});

/** The entry with its stdout collected, so a test can wait for what it says. */
function serve(port: number, databaseFile: string) {
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: serverOrigin(port), DATABASE_URL: databaseFile },
		stdio: ['ignore', 'pipe', 'ignore']
	});
	servers.push(child);
	let output = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk) => (output += chunk));
	const says = (text: string) =>
		new Promise<void>((done, fail) => {
			const check = () => (output.includes(text) ? done() : child.exitCode !== null ? fail(new Error(`exited without saying ${text}`)) : setTimeout(check, 20));
			check();
		});
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	return { child, says, exited };
}

describe('scripts/serve.js', () => {
	for (const [signal, port] of [['SIGTERM', 4504], ['SIGINT', 4505]] as const) {
		it(`on ${signal}, finishes the request in flight, refuses new connections, and exits with 0`, async () => {
			const course = await buildCourse(resolve('lessons'));
			const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
			const body = new URLSearchParams(sampleAnswer(Object.values(publicQuestions(course, lesson.questionIds))[0])).toString();
			const databaseFile = join(dir, `${signal}.db`);
			const server = serve(port, databaseFile);
			await waitUntilHealthy(serverOrigin(port), server.child);

			// The request starts; with Expect: 100-continue the server says "go on" once it is handling it.
			const answer = httpRequest(`${serverOrigin(port)}/lessons/${lesson.slug}?/answer`, {
				method: 'POST',
				headers: {
					origin: serverOrigin(port),
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					expect: '100-continue'
				}
			});
			const response = new Promise<{ status: number; text: string }>((done, fail) => {
				answer.on('response', (res) => {
					let text = '';
					res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
					res.on('end', () => done({ status: res.statusCode!, text }));
				});
				answer.on('error', fail);
			});
			await new Promise((go) => answer.once('continue', go));

			server.child.kill(signal);
			await server.says(`${signal}: finishing the requests in flight`);
			await expect(fetch(`${serverOrigin(port)}/healthz`)).rejects.toThrow();

			answer.end(body);
			const { status, text } = await response;
			expect(status).toBe(200);
			expect(JSON.parse(text).type).toBe('success');
			expect(await server.exited).toBe(0);

			const db = new Database(databaseFile, { readonly: true });
			try {
				expect(db.prepare('select count(*) from attempts').pluck().get()).toBe(1);
			} finally {
				db.close();
			}
		});
	}
});
