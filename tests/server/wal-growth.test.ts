// Bounded growth: one guest posts answers as fast as it can for a while (the answer limits are
// lifted for this), and the WAL file, sampled throughout, stays under a stated size. Before
// writes ran to completion, SQLite's automatic checkpoint never ran after them and one session
// grew the WAL by 87 MB in 5.5 s.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { answeringClients, serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORT = 4390;
const ORIGIN = serverOrigin(PORT);
/** About ten automatic checkpoints' worth; without them the WAL would pass the bound below. */
const ANSWERS = 1_500;
/** A safety stop only: the test counts answers, not time. */
const GIVE_UP_MS = 120_000;
/** SQLite checkpoints every 1,000 pages (about 4 MB); twice the journal_size_limit is ample. */
const MAX_WAL_BYTES = 16 * 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'course-wal-'));
const databaseFile = join(dir, 'app.db');
const samples: number[] = [];
let answered = 0;

beforeAll(async () => {
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
	const answers = Object.values(publicQuestions(course, lesson.questionIds)).map(sampleAnswer);
	const server = startServer({ port: PORT, databaseFile });
	try {
		await waitUntilHealthy(ORIGIN, server);
		const clients = answeringClients(ORIGIN, lesson.slug, answers, 2);
		const wal = `${databaseFile}-wal`;
		const total = () => [...clients.acknowledged.values()].reduce((a, b) => a + b, 0);
		const giveUp = Date.now() + GIVE_UP_MS;
		while (total() < ANSWERS && Date.now() < giveUp) {
			samples.push(existsSync(wal) ? statSync(wal).size : 0);
			await new Promise((r) => setTimeout(r, 50));
		}
		await clients.stop();
		answered = total();
	} finally {
		server.kill('SIGTERM');
		await stopped(server);
	}
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the WAL during a long stream of answers', () => {
	it(`stays under ${MAX_WAL_BYTES / 1024 / 1024} MB`, () => {
		const largest = Math.max(...samples);
		console.log(`WAL: largest ${(largest / 1024 / 1024).toFixed(1)} MB over ${samples.length} samples, ${answered} answers stored`);
		expect(answered).toBeGreaterThanOrEqual(ANSWERS);
		expect(largest).toBeLessThan(MAX_WAL_BYTES);
	});
});
