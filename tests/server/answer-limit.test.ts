// Answers are limited per session and per address (ANSWERS_PER_MINUTE,
// ANSWERS_PER_MINUTE_PER_ADDRESS): past a limit an answer is refused with a 429 and a message,
// with the learner's choices sent back, and nothing is stored; other sessions go on.
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

const PORT = 4389;
const ORIGIN = serverOrigin(PORT);
const PER_SESSION = 5;
const PER_ADDRESS = 8;

const dir = mkdtempSync(join(tmpdir(), 'course-answer-limit-'));
const databaseFile = join(dir, 'app.db');
let server: ChildProcess;
let lessonSlug: string;
let body: string;

beforeAll(async () => {
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
	lessonSlug = lesson.slug;
	body = new URLSearchParams(sampleAnswer(Object.values(publicQuestions(course, lesson.questionIds))[0])).toString();
	server = startServer({
		port: PORT,
		databaseFile,
		env: { ANSWERS_PER_MINUTE: String(PER_SESSION), ANSWERS_PER_MINUTE_PER_ADDRESS: String(PER_ADDRESS) }
	});
	await waitUntilHealthy(ORIGIN, server);
}, 30_000);

afterAll(async () => {
	server.kill();
	await stopped(server);
	rmSync(dir, { recursive: true, force: true });
});

async function answer(cookie = '') {
	const response = await fetch(`${ORIGIN}/lessons/${lessonSlug}?/answer`, {
		method: 'POST',
		headers: { 'x-sveltekit-action': 'true', origin: ORIGIN, cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body
	});
	const session = response.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0] ?? null;
	return { result: (await response.json()) as { type: string; status?: number; data?: string }, cookie: session ?? cookie };
}

const attemptCount = () => {
	const db = new Database(databaseFile, { readonly: true });
	try {
		return db.prepare('select count(*) from attempts').pluck().get() as number;
	} finally {
		db.close();
	}
};

describe('answer limits', () => {
	it('stop one session at its limit, then the address at its own', async () => {
		let cookie = '';
		for (let i = 0; i < PER_SESSION; i++) {
			const reply = await answer(cookie);
			expect(reply.result.type).toBe('success');
			cookie = reply.cookie;
		}
		const refused = await answer(cookie);
		expect(refused.result).toMatchObject({ type: 'failure', status: 429 });
		expect(refused.result.data).toContain('more answers in a minute than anyone reads');
		expect(refused.result.data).toContain('your choices are still on the page');
		expect(attemptCount()).toBe(PER_SESSION);

		// Another learner at the same address goes on, until the address has used its own limit.
		let other = '';
		for (let i = PER_SESSION; i < PER_ADDRESS; i++) {
			const reply = await answer(other);
			expect(reply.result.type).toBe('success');
			other = reply.cookie;
		}
		expect((await answer(other)).result).toMatchObject({ type: 'failure', status: 429 });
		expect(attemptCount()).toBe(PER_ADDRESS);
	});
});
