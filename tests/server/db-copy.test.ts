// `npm run db:copy -- <from> <to>` moves a SQLite database into PostgreSQL: a file with
// accounts, classes, enrollments, several attempts per question, class texts, written answers
// with self-checks and reviews, sessions and reset codes (written with the SQLite schema, the
// derived rows by SQLite's own triggers) is copied into a real PostgreSQL (port 4715) by the
// script itself; every table then has the same rows, the derived ones included, the identity
// sequences continue after the copied ids, and the triggers work on the copy. The refusals
// (a target with accounts, bad arguments, an unreachable server) are one line and exit 1.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/open';
import { openPostgres } from '../../src/lib/server/db/open-postgres';
import * as schema from '../../src/lib/server/db/schema/sqlite';
import { startPostgres, type TestPostgres } from '../support/postgres';

const PORT = 4715;
const CLOSED_PORT = 4719;
const dir = mkdtempSync(join(tmpdir(), 'db-copy-'));
const sourceFile = join(dir, 'app.db');
let server: TestPostgres;
let target: pg.Pool;
let source: Database.Database;

const minutes = (n: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, 0) + n * 60_000 + 7);

/** A small school's database, as the app would have written it. */
function buildSource(): void {
	const db = drizzle(openDatabase(sourceFile).$client as unknown as Database.Database, { schema });
	const client = db.$client;
	db.insert(schema.users).values({ id: 'teacher', role: 'instructor', username: 'ms_lee', displayName: 'Ms Lee', passwordHash: 'hash', totpSecret: 'SECRET', totpLastPeriod: 58_000_000, createdAt: minutes(0) }).run();
	const students = Array.from({ length: 6 }, (_, i) => `student${i}`);
	for (const [i, id] of students.entries()) {
		db.insert(schema.users).values({ id, role: 'student', username: `pupil_${i}`, displayName: `Pupil ${i}`, passwordHash: 'hash', createdAt: minutes(i + 1) }).run();
	}
	db.insert(schema.users).values({ id: 'guest', role: 'guest', createdAt: minutes(9) }).run();
	db.insert(schema.sessions).values([
		{ id: 'session-a', userId: 'teacher', expiresAt: minutes(60 * 24), twoFactorVerified: true },
		{ id: 'session-b', userId: 'student0', expiresAt: minutes(60 * 24), twoFactorVerified: false }
	]).run();
	db.insert(schema.passwordResets).values([
		{ id: 'reset-1', userId: 'student1', codeHash: 'c1', issuedBy: 'teacher', expiresAt: minutes(30), usedAt: minutes(20) },
		{ id: 'reset-2', userId: 'student2', codeHash: 'c2', issuedBy: 'teacher', expiresAt: minutes(40) }
	]).run();
	db.insert(schema.recoveryCodes).values([{ userId: 'teacher', codeHash: 'r1' }, { userId: 'teacher', codeHash: 'r2', usedAt: minutes(5) }]).run();
	db.insert(schema.classes).values([
		{ id: 'class-1', instructorId: 'teacher', name: 'Period 2', joinCode: 'JOIN-ABC', createdAt: minutes(2) },
		{ id: 'class-2', instructorId: 'teacher', name: 'Last year', description: 'Archived', archivedAt: minutes(3) }
	]).run();
	for (const id of students) db.insert(schema.enrollments).values({ classId: id === 'student5' ? 'class-2' : 'class-1', userId: id, joinedAt: minutes(10) }).run();

	// The course's current questions, as the server writes them at start.
	const course = [['q-choice', 'v1', 'lesson-1'], ['q-highlight', 'v2', 'lesson-1'], ['q-classify', 'v1', 'lesson-2'], ['q-respond', 'v1', 'lesson-2']];
	course.forEach(([id, version], position) => client.prepare('insert into course_questions (question_id, version, position) values (?, ?, ?)').run(id, version, position));

	let minute = 100;
	for (const [s, id] of [...students, 'guest'].entries()) {
		for (const [q, [questionId, version, lesson]] of course.entries()) {
			// Several attempts on some questions, an old version here and there.
			const tries = (s + q) % 3 + 1;
			for (let t = 0; t < tries; t++) {
				db.insert(schema.attempts).values({
					userId: id, lessonSlug: lesson, questionId, contentVersion: s === 3 && q === 1 && t === 0 ? 'v1' : version,
					response: JSON.stringify({ choice: t }), earned: (s + t) % 4, total: 3 + (q % 2),
					neutralSeen: q, neutralFlagged: t % 2, framedSeen: q === 0 ? null : 2, framedMissed: q === 0 ? null : t % 2,
					createdAt: minutes(minute++)
				}).run();
			}
		}
	}
	// Written answers: a self-check and a review change the attempt's score, as quiz/written.ts does.
	const written = client.prepare("select id from attempts where question_id = 'q-respond' order by id limit 3").all() as { id: number }[];
	for (const { id } of written) {
		db.insert(schema.selfChecks).values({ attemptId: id, ticked: '["s1","s2"]', checkedAt: minutes(500) }).run();
		client.prepare('update attempts set earned = 2, total = 4 where id = ?').run(id);
	}
	db.insert(schema.answerReviews).values({ attemptId: written[0].id, reviewerId: 'teacher', score: 3, comment: 'Good reading of the source.', reviewedAt: minutes(600) }).run();
	client.prepare('update attempts set earned = 3, total = 4 where id = ?').run(written[0].id);
	// An answer deleted along the way: ids are not reused.
	client.prepare('delete from attempts where id = 2').run();

	db.insert(schema.classTexts).values({ id: 'text-1', classId: 'class-1', slug: 'local-paper', createdAt: minutes(700) }).run();
	db.insert(schema.classTextVersions).values([
		{ textId: 'text-1', number: 1, provenance: '{"title":"A local paper"}', body: 'First sentence. Second sentence.' },
		{ textId: 'text-1', number: 2, provenance: '{"title":"A local paper"}', body: 'First sentence. Second, loaded sentence.', annotations: '[{"sentence":2}]' }
	]).run();
	db.insert(schema.practiceVersions).values([
		{ textId: 'text-1', number: 1, textVersionId: 1, questions: '[]', publishedAt: minutes(710) },
		{ textId: 'text-1', number: 2, textVersionId: 2, questions: '[{"id":"p1"}]' }
	]).run();
	db.insert(schema.healthChecks).values({ id: 1, checkedAt: minutes(800) }).run();
	client.close();
}

function runCopy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((done) => {
		execFile(resolve('node_modules/.bin/tsx'), ['scripts/db-copy.ts', ...args], { cwd: resolve('.'), env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) =>
			done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
		);
	});
}

const sqliteRows = (query: string) => source.prepare(query).all() as Record<string, unknown>[];
const postgresRows = async (query: string) => (await target.query(query)).rows as Record<string, unknown>[];
/** Times as milliseconds and booleans as 0/1, as SQLite returns them. */
const asSqlite = (rows: Record<string, unknown>[]) =>
	rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v])));

const TABLES = [
	'users', 'sessions', 'password_resets', 'recovery_codes', 'classes', 'enrollments', 'attempts', 'class_texts', 'class_text_versions',
	'practice_versions', 'self_checks', 'answer_reviews', 'health_checks', 'course_questions', 'attempt_summaries', 'lesson_summaries', 'first_scores'
];

beforeAll(async () => {
	buildSource();
	source = new Database(sourceFile, { readonly: true });
	server = await startPostgres(PORT);
	// Read the copy as the app reads it (openPostgres: bigint ids as numbers, times as dates).
	target = (await openPostgres(server.url)).$client;
}, 60_000);

afterAll(async () => {
	source?.close();
	await target?.end();
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe('npm run db:copy', () => {
	it('copies every table from SQLite into PostgreSQL with the same rows, and prints the counts', async () => {
		const result = await runCopy(sourceFile, server.url);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/every table has the same number of rows/);
		for (const table of TABLES) {
			const count = (source.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
			expect({ table, count: Number((await postgresRows(`select count(*) as n from ${table}`))[0].n) }).toEqual({ table, count });
			expect(result.stdout).toMatch(new RegExp(`^${table} +${count} +${count}$`, 'm'));
		}
		expect((source.prepare('select count(*) as n from attempts').get() as { n: number }).n).toBeGreaterThan(40);
	});

	it('copies the derived rows exactly: attempt summaries, lesson summaries and packed first scores', async () => {
		const summaries = 'select * from attempt_summaries order by user_id, question_id, content_version';
		expect(asSqlite(await postgresRows(summaries))).toEqual(sqliteRows(summaries));
		const firstScores = 'select id, user_id, packed from first_scores order by user_id';
		expect(await postgresRows(firstScores)).toEqual(sqliteRows(firstScores));
		expect(sqliteRows(firstScores)).toHaveLength(7);
		const lessons = 'select * from lesson_summaries order by user_id, lesson_slug';
		expect(asSqlite(await postgresRows(lessons))).toEqual(sqliteRows(lessons));
	});

	it('converts times and booleans, and keeps every other value', async () => {
		for (const query of [
			'select * from users order by id',
			'select * from sessions order by id',
			'select * from password_resets order by id',
			'select * from classes order by id',
			'select * from attempts order by id',
			'select * from answer_reviews order by attempt_id',
			'select * from practice_versions order by id'
		]) {
			expect(asSqlite(await postgresRows(query))).toEqual(sqliteRows(query));
		}
		const [session] = await postgresRows("select two_factor_verified, expires_at from sessions where id = 'session-a'");
		expect(session).toEqual({ two_factor_verified: true, expires_at: new Date(minutes(60 * 24)) });
	});

	it('continues the identity sequences after the copied ids, and the triggers work on the copy', async () => {
		const highest = Number((await postgresRows('select max(id) as id from attempts'))[0].id);
		const [inserted] = await postgresRows(
			"insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total) values ('student0', 'lesson-1', 'q-choice', 'v1', '{}', 1, 1) returning id"
		);
		expect(inserted.id).toBe(highest + 1);
		const [summary] = await postgresRows("select latest_id from attempt_summaries where user_id = 'student0' and question_id = 'q-choice'");
		expect(summary.latest_id).toBe(highest + 1);
		const versions = await postgresRows("insert into class_text_versions (text_id, number, provenance, body) values ('text-1', 3, '{}', 'x') returning id");
		expect(versions[0].id).toBe(3);
	});

	it('refuses a target that already has accounts unless --replace, and then replaces everything', async () => {
		const refused = await runCopy(sourceFile, server.url);
		expect(refused.code).toBe(1);
		expect(refused.stderr.trim()).toBe(
			'The PostgreSQL database already has accounts or answers. Give --replace to replace everything in it with the SQLite file.'
		);
		const replaced = await runCopy(sourceFile, server.url, '--replace');
		expect(replaced.code).toBe(0);
		const count = (source.prepare('select count(*) as n from attempts').get() as { n: number }).n;
		expect(Number((await postgresRows('select count(*) as n from attempts'))[0].n)).toBe(count);
		expect(await postgresRows("select id from class_text_versions where number = 3")).toEqual([]);
	});

	it('says what is wrong in one line for bad arguments and an unreachable server', async () => {
		const usage = await runCopy(sourceFile);
		expect(usage.code).toBe(1);
		expect(usage.stderr).toMatch(/^Usage: npm run db:copy -- <from SQLite file> <to postgres:/);
		const backwards = await runCopy(server.url, join(dir, 'out.db'));
		expect(backwards.stderr.trim()).toBe('Copying from PostgreSQL to SQLite is not supported: the copy goes from a SQLite file to PostgreSQL.');
		const missing = await runCopy(join(dir, 'missing.db'), server.url);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/^Cannot read the SQLite database .*missing\.db/);
		const closed = await runCopy(sourceFile, `postgres://postgres:secret@127.0.0.1:${CLOSED_PORT}/app`);
		expect(closed.code).toBe(1);
		expect(closed.stderr.trim()).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:4719, database app, user postgres: nothing is listening there/);
		expect(closed.stderr).not.toContain('secret');
		for (const result of [usage, backwards, missing, closed]) expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});
});
