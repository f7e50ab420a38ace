// Nothing acknowledged is lost: answers stream in from several clients, the server is killed
// with SIGKILL part-way, and after a restart every acknowledged answer is in the database.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { answeringClients, serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORT = 4391;
const ORIGIN = serverOrigin(PORT);
const CLIENTS = 6;
const dir = mkdtempSync(join(tmpdir(), 'course-durability-'));
const databaseFile = join(dir, 'app.db');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('answers survive a crash', () => {
	let acknowledged: Map<string, number>;

	beforeAll(async () => {
		const course = await buildCourse(resolve('lessons'));
		const lesson = course.lessons.find((l) => l.questionIds.length > 0)!;
		const answers = Object.values(publicQuestions(course, lesson.questionIds)).map(sampleAnswer);

		const server = startServer({ port: PORT, databaseFile });
		await waitUntilHealthy(ORIGIN, server);
		const clients = answeringClients(ORIGIN, lesson.slug, answers, CLIENTS);
		acknowledged = clients.acknowledged;
		await new Promise((r) => setTimeout(r, 1500));
		const stopping = clients.stop();
		server.kill('SIGKILL');
		await stopping;
		await stopped(server);

		const restarted = startServer({ port: PORT, databaseFile });
		await waitUntilHealthy(ORIGIN, restarted);
		restarted.kill('SIGTERM');
		await stopped(restarted);
	}, 60_000);

	it('keeps every acknowledged answer, for every client', () => {
		const db = new Database(databaseFile, { readonly: true });
		try {
			const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
			expect(total).toBeGreaterThan(20);
			expect(acknowledged.size).toBe(CLIENTS);
			for (const [cookie, count] of acknowledged) {
				const sessionId = createHash('sha256').update(cookie.slice('session='.length)).digest('hex');
				const row = db
					.prepare('select count(*) as n from attempts where user_id = (select user_id from sessions where id = ?)')
					.get(sessionId) as { n: number };
				expect(row.n).toBeGreaterThanOrEqual(count);
			}
		} finally {
			db.close();
		}
	});

	it('leaves a database that passes the integrity check', () => {
		const db = new Database(databaseFile, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			db.close();
		}
	});
});
