// New guests per address are limited (GUESTS_PER_HOUR): past the limit a first answer without a
// session is refused with a clear message and creates no guest, while guests that already exist
// and signed-in learners go on answering.
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

const PORT = 4399;
const ORIGIN = serverOrigin(PORT);
const GUESTS_PER_HOUR = 2;

const dir = mkdtempSync(join(tmpdir(), 'course-guest-limit-'));
const databaseFile = join(dir, 'app.db');
let server: ChildProcess;
let lessonSlug: string;
let body: string;

beforeAll(async () => {
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
	lessonSlug = lesson.slug;
	body = new URLSearchParams(sampleAnswer(Object.values(publicQuestions(course, lesson.questionIds))[0])).toString();
	server = startServer({ port: PORT, databaseFile, env: { GUESTS_PER_HOUR: String(GUESTS_PER_HOUR) } });
	await waitUntilHealthy(ORIGIN, server);
}, 30_000);

afterAll(async () => {
	server.kill();
	await stopped(server);
	rmSync(dir, { recursive: true, force: true });
});

async function answer(cookie = ''): Promise<{ result: { type: string; status?: number; data?: string }; cookie: string | null }> {
	const response = await fetch(`${ORIGIN}/lessons/${lessonSlug}?/answer`, {
		method: 'POST',
		headers: { 'x-sveltekit-action': 'true', origin: ORIGIN, cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body
	});
	const session = response.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0] ?? null;
	return { result: await response.json(), cookie: session };
}

const guestCount = () => {
	const db = new Database(databaseFile, { readonly: true });
	try {
		return db.prepare("select count(*) from users where role = 'guest'").pluck().get() as number;
	} finally {
		db.close();
	}
};

describe('new guests per address', () => {
	it('stop at the limit with a message, and existing guests keep answering', async () => {
		const guests: string[] = [];
		for (let i = 0; i < GUESTS_PER_HOUR; i++) {
			const { result, cookie } = await answer();
			expect(result.type).toBe('success');
			guests.push(cookie!);
		}
		const refused = await answer();
		expect(refused.result.type).toBe('failure');
		expect(refused.result.status).toBe(429);
		expect(refused.result.data).toContain('Please try again in');
		expect(refused.result.data).toContain('Signing in avoids this limit.');
		expect(refused.cookie).toBeNull();
		expect(guestCount()).toBe(GUESTS_PER_HOUR);

		const again = await answer(guests[0]);
		expect(again.result.type).toBe('success');
		expect(guestCount()).toBe(GUESTS_PER_HOUR);
	});
});
