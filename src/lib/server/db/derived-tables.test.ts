// The derived tables behind the dashboard (attempt_summaries, lesson_summaries, first_scores)
// come out the same on SQLite (drizzle/0002…0010) and PostgreSQL (drizzle/postgres/0001): the
// same writes go to both, and after each step the derived rows are compared. The rebuild after
// a content change runs as summaries.ts runs it on SQLite and as the PostgreSQL statements the
// report gives for it. PostgreSQL on port 4712.
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../tests/support/postgres';
import { openDatabase, type AppDatabase } from './open';
import { openPostgres } from './open-postgres';

const PORT = 4712;
const SCORE_SCALE = 1_000_000_000;

let server: TestPostgres;
let directory: string;
let sqlite: Database.Database;
let postgresDb: AppDatabase;
let postgres: pg.Pool;

beforeAll(async () => {
	server = await startPostgres(PORT);
	directory = mkdtempSync(join(tmpdir(), 'derived-tables-'));
	sqlite = openDatabase(join(directory, 'app.db')).$client as unknown as Database.Database;
	sqlite.pragma('foreign_keys = ON');
	postgresDb = await openPostgres(server.url);
	postgres = postgresDb.$client;
}, 60_000);

afterAll(async () => {
	sqlite?.close();
	await postgres?.end();
	await server?.stop();
	if (directory) rmSync(directory, { recursive: true, force: true });
});

/** One statement on both databases: `?` placeholders, Dates stored as milliseconds in SQLite. */
async function both(statement: string, values: unknown[] = []): Promise<void> {
	sqlite.prepare(statement).run(...values.map((v) => (v instanceof Date ? v.getTime() : v)));
	let n = 0;
	await postgres.query(statement.replace(/\?/g, () => `$${++n}`), values);
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute, 0, 123));

async function answer(user: string, lesson: string, question: string, version: string, earned: number, total: number, minute: number, discernment: (number | null)[] = [null, null, null, null]) {
	await both(
		`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, neutral_seen, neutral_flagged, framed_seen, framed_missed, created_at)
		 values (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?)`,
		[user, lesson, question, version, earned, total, ...discernment, at(minute)]
	);
}

type Row = Record<string, unknown>;

/** Numbers to 12 places (sums may add in another order), times as milliseconds, packed scores by position. */
function normalise(row: Row): Row {
	return Object.fromEntries(
		Object.entries(row).map(([key, value]) => {
			if (value instanceof Date) return [key, value.getTime()];
			if (typeof value === 'number' && !Number.isInteger(value)) return [key, Math.round(value * 1e12) / 1e12];
			if (key === 'packed' && typeof value === 'string') {
				const numbers = value.split(' ').map(Number);
				const pairs: [number, number][] = [];
				for (let i = 0; i < numbers.length; i += 2) pairs.push([numbers[i], numbers[i + 1]]);
				return [key, pairs.sort((a, b) => a[0] - b[0])];
			}
			return [key, value];
		})
	);
}

const DERIVED_QUERIES = {
	attempt_summaries: 'select * from attempt_summaries order by user_id, question_id, content_version',
	lesson_summaries: 'select * from lesson_summaries order by user_id, lesson_slug',
	first_scores: 'select user_id, packed from first_scores order by user_id'
};

async function derivedRows(): Promise<{ sqlite: Record<string, Row[]>; postgres: Record<string, Row[]> }> {
	const fromSqlite: Record<string, Row[]> = {};
	const fromPostgres: Record<string, Row[]> = {};
	for (const [table, query] of Object.entries(DERIVED_QUERIES)) {
		fromSqlite[table] = (sqlite.prepare(query).all() as Row[]).map(normalise);
		fromPostgres[table] = ((await postgres.query(query)).rows as Row[]).map(normalise);
	}
	return { sqlite: fromSqlite, postgres: fromPostgres };
}

async function expectSameDerivedRows(): Promise<Record<string, Row[]>> {
	const rows = await derivedRows();
	expect(rows.postgres).toEqual(rows.sqlite);
	return rows.sqlite;
}

/** The rebuild after a content change, on SQLite as summaries.ts runs it. */
function rebuildSqlite(questions: [string, string][]): void {
	sqlite.transaction(() => {
		sqlite.exec('delete from course_questions');
		const insert = sqlite.prepare('insert into course_questions (question_id, version, position) values (?, ?, ?)');
		questions.forEach(([id, version], position) => insert.run(id, version, position));
		sqlite.exec('delete from first_scores');
		sqlite.exec(
			`insert into first_scores (user_id, packed)
			 select s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * ${SCORE_SCALE}) as integer), ' ')
			   from attempt_summaries s
			   join course_questions q on q.question_id = s.question_id and q.version = s.content_version
			  group by s.user_id`
		);
		sqlite.exec('delete from lesson_summaries');
		sqlite.exec(
			`insert into lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at,
			                               neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 select * from lesson_summary_rows`
		);
	})();
}

/** The same on PostgreSQL, with the statements the report gives the lead for summaries.ts. */
async function rebuildPostgres(questions: [string, string][]): Promise<void> {
	const client = await postgres.connect();
	try {
		await client.query('begin');
		await client.query('lock table attempt_summaries in share row exclusive mode');
		await client.query('delete from course_questions');
		await client.query(
			'insert into course_questions (question_id, version, position) select * from unnest($1::text[], $2::text[], $3::int[])',
			[questions.map((q) => q[0]), questions.map((q) => q[1]), questions.map((_, i) => i)]
		);
		await client.query('delete from first_scores');
		await client.query('insert into first_scores (user_id, packed) select user_id, packed from first_score_rows()');
		await client.query('delete from lesson_summaries');
		await client.query(
			`insert into lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at,
			                               neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 select * from lesson_summary_rows`
		);
		await client.query('commit');
	} catch (error) {
		await client.query('rollback');
		throw error;
	} finally {
		client.release();
	}
}

describe('the derived tables on SQLite and PostgreSQL', () => {
	it('follow the same writes to the same rows, step by step', async () => {
		for (const [id, role] of [
			['u1', 'student'],
			['u2', 'student'],
			['g1', 'guest']
		]) {
			await both('insert into users (id, role) values (?, ?)', [id, role]);
		}
		const course: [string, string][] = [
			['q1', 'v1'],
			['q2', 'v1'],
			['q3', 'v2'],
			['q4', 'v1']
		];
		rebuildSqlite(course);
		await rebuildPostgres(course);

		await answer('u1', 'l1', 'q1', 'v1', 1, 3, 0);
		await answer('u1', 'l1', 'q1', 'v1', 2, 3, 1, [2, 1, 3, 1]);
		await answer('u1', 'l1', 'q2', 'v1', 1, 1, 2, [2, 1, 3, 1]);
		await answer('u1', 'l2', 'q3', 'v1', 0, 1, 3); // an old version: summarised, counted by no lesson
		await answer('u1', 'l2', 'q3', 'v2', 1, 2, 4, [0, 0, 1, 0]);
		await answer('u2', 'l1', 'q1', 'v1', 0, 1, 5);
		await answer('g1', 'l1', 'q1', 'v1', 1, 1, 6, [1, 1, 1, 1]);
		await answer('g1', 'l1', 'q2', 'v1', 1, 4, 7);
		await answer('u1', 'l1', 'q1', 'v1', 3, 3, 8);
		const afterAnswers = await expectSameDerivedRows();
		expect(afterAnswers.attempt_summaries).toHaveLength(7);
		expect(afterAnswers.lesson_summaries).toHaveLength(4);
		expect(afterAnswers.first_scores.find((r) => r.user_id === 'u1')!.packed).toEqual([
			[0, 333333333],
			[1, 1000000000],
			[2, 500000000]
		]);

		// A written answer's score changes after a review: first and latest.
		await both('update attempts set earned = ?, total = ? where id = ?', [1, 2, 1]);
		await both('update attempts set earned = ?, total = ? where id = ?', [1, 8, 9]);
		await expectSameDerivedRows();

		// Discernment filled in at start for rows that had none.
		await both('update attempts set neutral_seen = 4, neutral_flagged = 2, framed_seen = 3, framed_missed = 1 where framed_seen is null');
		await expectSameDerivedRows();

		// A guest's answers move to an account.
		await both("update attempts set user_id = 'u2' where user_id = 'g1'");
		const afterMove = await expectSameDerivedRows();
		expect(afterMove.attempt_summaries.filter((r) => r.user_id === 'g1')).toEqual([]);

		// Attempts deleted: a first one (the next becomes first), then a whole question version.
		await both('delete from attempts where id = 1');
		await both("delete from attempts where user_id = 'u1' and question_id = 'q3' and content_version = 'v2'");
		await expectSameDerivedRows();

		// The content changes: q2 leaves the course, q3's current version is the old one.
		const changed: [string, string][] = [
			['q1', 'v1'],
			['q3', 'v1'],
			['q4', 'v1']
		];
		rebuildSqlite(changed);
		await rebuildPostgres(changed);
		const afterRebuild = await expectSameDerivedRows();
		expect(afterRebuild.first_scores.find((r) => r.user_id === 'u1')!.packed).toEqual([
			[0, 666666667],
			[1, 0]
		]);

		await answer('u2', 'l2', 'q4', 'v1', 2, 3, 9);
		await answer('u1', 'l2', 'q3', 'v1', 1, 1, 10);
		await expectSameDerivedRows();

		// A deleted account takes its derived rows with it.
		await both("delete from users where id = 'u2'");
		const afterDelete = await expectSameDerivedRows();
		expect(afterDelete.lesson_summaries.map((r) => r.user_id)).toEqual(['u1', 'u1']);
	});

	it('packs scores rounded half away from zero, as SQLite does', async () => {
		const { rows } = await postgres.query('select packed_score(0.0000000025) as a, packed_score(0.0000000035) as b, packed_score(1) as c, packed_score(0) as d');
		const fromSqlite = sqlite
			.prepare(`select cast(round(0.0000000025 * ${SCORE_SCALE}) as integer) as a, cast(round(0.0000000035 * ${SCORE_SCALE}) as integer) as b, 1000000000 as c, 0 as d`)
			.get();
		expect(rows[0]).toEqual(fromSqlite);
		expect(rows[0]).toEqual({ a: 3, b: 4, c: 1_000_000_000, d: 0 });
	});

	it('stay right on PostgreSQL when one learner answers on many connections at once', async () => {
		await postgres.query("insert into users (id, role) values ('busy', 'student')");
		const writes = Array.from({ length: 40 }, (_, i) =>
			postgres.query(
				`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total)
				 values ('busy', 'l1', $1, 'v1', '{}', $2, 4)`,
				[i % 2 === 0 ? 'q1' : 'q4', i % 5]
			)
		);
		await Promise.all(writes);
		const recomputed = await postgres.query(
			`select a.question_id, min(a.id) as first_id, max(a.id) as latest_id, count(*) as n
			   from attempts a where a.user_id = 'busy' group by a.question_id order by a.question_id`
		);
		const summaries = await postgres.query(
			"select question_id, first_id, latest_id from attempt_summaries where user_id = 'busy' order by question_id"
		);
		expect(summaries.rows).toEqual(recomputed.rows.map(({ question_id, first_id, latest_id }) => ({ question_id, first_id, latest_id })));
		expect(recomputed.rows.map((r) => r.n)).toEqual([20, 20]);
		const lessons = await postgres.query("select * from lesson_summaries where user_id = 'busy'");
		const view = await postgres.query("select * from lesson_summary_rows where user_id = 'busy'");
		expect(lessons.rows).toEqual(view.rows);
		expect(lessons.rows[0].answered).toBe(2);
		const packed = await postgres.query("select packed from first_scores where user_id = 'busy'");
		const fresh = await postgres.query("select packed from first_score_rows() where user_id = 'busy'");
		expect(packed.rows).toEqual(fresh.rows);
	});
});
