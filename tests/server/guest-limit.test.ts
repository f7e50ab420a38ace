// New guests per address are limited (GUESTS_PER_HOUR): past the limit a first answer without a
// session is refused with a clear message and creates no guest, while guests that already exist
// and signed-in learners go on answering. On SQLite and on PostgreSQL (see DATABASE_KINDS); on
// PostgreSQL with two app servers, whose requests count against one shared limit.
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { DATABASE_KINDS, testDatabase, type DatabaseKind, type TestDatabase } from '../support/database';
import { sampleAnswer } from '../support/sample-answer';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

/** One app server on SQLite (one process is the SQLite deployment), two on one PostgreSQL. */
const PORTS: Record<DatabaseKind, { apps: number[]; postgres?: number }> = {
	sqlite: { apps: [4399] },
	postgres: { apps: [4727, 4728], postgres: 4726 }
};
const GUESTS_PER_HOUR = 2;

describe.each(DATABASE_KINDS)('new guests per address (%s)', (kind) => {
	const origins = PORTS[kind].apps.map(serverOrigin);
	let database: TestDatabase;
	const servers: ChildProcess[] = [];
	let lessonSlug: string;
	let body: string;

	beforeAll(async () => {
		database = await testDatabase(kind, PORTS[kind].postgres);
		const course = await buildCourse(resolve('lessons'));
		const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
		lessonSlug = lesson.slug;
		body = new URLSearchParams(sampleAnswer(Object.values(publicQuestions(course, lesson.questionIds))[0])).toString();
		for (const port of PORTS[kind].apps) {
			servers.push(startServer({ port, databaseUrl: database.url, env: { GUESTS_PER_HOUR: String(GUESTS_PER_HOUR) } }));
		}
		await Promise.all(servers.map((server, i) => waitUntilHealthy(origins[i], server)));
	}, 30_000);

	afterAll(async () => {
		for (const server of servers) server.kill();
		await Promise.all(servers.map(stopped));
		await database?.stop();
	});

	/** An answer sent to the n-th app server (counted round the servers there are). */
	async function answer(n: number, cookie = ''): Promise<{ result: { type: string; status?: number; data?: string }; cookie: string | null }> {
		const origin = origins[n % origins.length];
		const response = await fetch(`${origin}/lessons/${lessonSlug}?/answer`, {
			method: 'POST',
			headers: { 'x-sveltekit-action': 'true', origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body
		});
		const session = response.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0] ?? null;
		return { result: await response.json(), cookie: session };
	}

	const guestCount = () => database.count('users', "role = 'guest'");

	it('stop at the limit with a message, and existing guests keep answering', async () => {
		const guests: string[] = [];
		// The new guests arrive at each server in turn (as behind a load balancer).
		for (let i = 0; i < GUESTS_PER_HOUR; i++) {
			const { result, cookie } = await answer(i);
			expect(result.type).toBe('success');
			guests.push(cookie!);
		}
		// Every server refuses the next: the limit counted the guests made on the others too.
		for (let n = 0; n < origins.length; n++) {
			const refused = await answer(n);
			expect(refused.result.type).toBe('failure');
			expect(refused.result.status).toBe(429);
			expect(refused.result.data).toContain('Please try again in');
			expect(refused.result.data).toContain('Signing in avoids this limit.');
			expect(refused.cookie).toBeNull();
		}
		expect(await guestCount()).toBe(GUESTS_PER_HOUR);

		// An existing guest answers on any server (its session is in the database).
		for (let n = 0; n < origins.length; n++) {
			const again = await answer(n + 1, guests[0]);
			expect(again.result.type).toBe('success');
		}
		expect(await guestCount()).toBe(GUESTS_PER_HOUR);
	});
});
