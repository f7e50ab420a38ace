// Nothing acknowledged is lost: answers stream in from several clients, the server is killed
// with SIGKILL part-way, and after a restart every acknowledged answer is in the database. On
// SQLite and on PostgreSQL (see DATABASE_KINDS).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { DATABASE_KINDS, testDatabase, type DatabaseKind, type TestDatabase } from '../support/database';
import { sampleAnswer } from '../support/sample-answer';
import { answeringClients, serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORTS: Record<DatabaseKind, { app: number; postgres?: number }> = {
	sqlite: { app: 4391 },
	postgres: { app: 4722, postgres: 4721 }
};
const CLIENTS = 6;

describe.each(DATABASE_KINDS)('answers survive a crash (%s)', (kind) => {
	const origin = serverOrigin(PORTS[kind].app);
	let database: TestDatabase;
	let acknowledged: Map<string, number>;

	beforeAll(async () => {
		database = await testDatabase(kind, PORTS[kind].postgres);
		const course = await buildCourse(resolve('lessons'));
		const lesson = course.lessons.find((l) => l.questionIds.length > 0)!;
		const answers = Object.values(publicQuestions(course, lesson.questionIds)).map(sampleAnswer);

		const server = startServer({ port: PORTS[kind].app, databaseUrl: database.url });
		await waitUntilHealthy(origin, server);
		const clients = answeringClients(origin, lesson.slug, answers, CLIENTS);
		acknowledged = clients.acknowledged;
		await new Promise((r) => setTimeout(r, 1500));
		const stopping = clients.stop();
		server.kill('SIGKILL');
		await stopping;
		await stopped(server);

		const restarted = startServer({ port: PORTS[kind].app, databaseUrl: database.url });
		await waitUntilHealthy(origin, restarted);
		restarted.kill('SIGTERM');
		await stopped(restarted);
	}, 60_000);

	afterAll(async () => {
		await database?.stop();
	});

	it('has /healthz write its row (the health check is a real write)', async () => {
		expect(await database.count('health_checks', 'id = 1')).toBe(1);
	});

	it('keeps every acknowledged answer, for every client', async () => {
		const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(20);
		expect(acknowledged.size).toBe(CLIENTS);
		for (const [cookie, count] of acknowledged) {
			const sessionId = createHash('sha256').update(cookie.slice('session='.length)).digest('hex');
			const stored = await database.count('attempts', 'user_id = (select user_id from sessions where id = ?)', [sessionId]);
			expect(stored).toBeGreaterThanOrEqual(count);
		}
	});

	// SQLite's own check of the file a killed writer left behind. (On PostgreSQL the app process
	// killed holds no files: the database server carries on, and the restart above used it.)
	if (kind === 'sqlite') {
		it('leaves a database that passes the integrity check', async () => {
			expect(await database.query('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
		});
	}
});
