// Backups are consistent and restorable: while several clients keep posting answers to the built
// server, `scripts/backup.ts` copies the live database; the copy, restored into a fresh file,
// starts the server, passes the integrity check and holds every answer acknowledged before the
// backup started, as a consistent set of rows. Also: the CLI's refusals are one clear line.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { backupDatabase } from '../../src/lib/server/db/backup';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { answeringClients, serverOrigin, startServer as startBuiltServer, stopped, waitUntilHealthy } from '../support/server';

const LIVE_PORT = 4392;
const RESTORED_PORT = 4398;
const CLIENTS = 6;
const dir = mkdtempSync(join(tmpdir(), 'course-backup-'));
const liveFile = join(dir, 'app.db');
const backupFile = join(dir, 'backups', 'app-backup.db');
const restoredFile = join(dir, 'restored', 'app.db');
const servers: ChildProcess[] = [];

const origin = serverOrigin;

/** The shared startServer, remembering each server so afterAll can stop it whatever happened. */
function startServer(port: number, databaseFile: string): ChildProcess {
	const server = startBuiltServer({ port, databaseFile });
	servers.push(server);
	return server;
}

interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the real CLI, as `npx tsx scripts/backup.ts ...` does (tsx's bin, without npx's lookup). */
function runBackupCli(args: string[], databaseUrl: string): Promise<CliRun> {
	const cli = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/backup.ts', ...args], {
		env: { ...process.env, DATABASE_URL: databaseUrl },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	cli.stdout.on('data', (chunk) => (stdout += chunk));
	cli.stderr.on('data', (chunk) => (stderr += chunk));
	return new Promise((done) => cli.once('close', (code) => done({ code, stdout, stderr })));
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

afterAll(async () => {
	// A failed assertion in beforeAll must not leave servers holding the ports.
	for (const server of servers) server.kill('SIGKILL');
	await Promise.all(servers.map(stopped));
	rmSync(dir, { recursive: true, force: true });
});

describe('a backup taken while answers stream in', () => {
	let acknowledgedBeforeBackup: Map<string, number>;
	let acknowledgedAfterBackup: number;
	let cli: CliRun;
	let restoredHealth: { status: number; body: unknown };
	let liveAttempts: number;

	beforeAll(async () => {
		const course = await buildCourse(resolve('lessons'));
		const lesson = course.lessons.find((l) => l.questionIds.length > 0)!;
		const answers = Object.values(publicQuestions(course, lesson.questionIds)).map(sampleAnswer);

		const live = startServer(LIVE_PORT, liveFile);
		await waitUntilHealthy(origin(LIVE_PORT), live);
		const clients = answeringClients(origin(LIVE_PORT), lesson.slug, answers, CLIENTS);
		const acknowledged = clients.acknowledged;
		await new Promise((r) => setTimeout(r, 1500));
		// Everything acknowledged so far is committed, so it must be in the copy.
		acknowledgedBeforeBackup = new Map(acknowledged);
		cli = await runBackupCli([backupFile], liveFile);
		acknowledgedAfterBackup = total(acknowledged);
		await clients.stop();
		live.kill('SIGTERM');
		await stopped(live);

		const liveDb = new Database(liveFile, { readonly: true });
		liveAttempts = (liveDb.prepare('select count(*) as n from attempts').get() as { n: number }).n;
		liveDb.close();

		// Restore as the README says: the copy becomes the database file of a (new) server.
		mkdirSync(join(dir, 'restored'));
		copyFileSync(backupFile, restoredFile);
		const restored = startServer(RESTORED_PORT, restoredFile);
		await waitUntilHealthy(origin(RESTORED_PORT), restored);
		const response = await fetch(`${origin(RESTORED_PORT)}/healthz`);
		restoredHealth = { status: response.status, body: await response.json() };
		restored.kill('SIGTERM');
		await stopped(restored);
	}, 60_000);

	it('runs the CLI to completion and reports pages, size and the integrity check', () => {
		expect(cli.stderr).toBe('');
		expect(cli.code).toBe(0);
		expect(cli.stdout).toMatch(/Backed up .+ to .+: \d+ pages, \d+(\.\d)? [KM]B\./);
		expect(cli.stdout).toContain('Integrity check of the copy: ok.');
	});

	it('was taken while the server kept acknowledging answers', () => {
		expect(total(acknowledgedBeforeBackup)).toBeGreaterThan(20);
		expect(acknowledgedBeforeBackup.size).toBe(CLIENTS);
		expect(acknowledgedAfterBackup).toBeGreaterThan(total(acknowledgedBeforeBackup));
	});

	it('starts the server when restored', () => {
		expect(restoredHealth).toEqual({ status: 200, body: { ok: true } });
	});

	it('passes the integrity and foreign key checks after the restore', () => {
		const db = new Database(restoredFile, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.pragma('foreign_key_check')).toEqual([]);
		} finally {
			db.close();
		}
	});

	it('holds every answer acknowledged before the backup started, for every client', () => {
		const db = new Database(restoredFile, { readonly: true });
		try {
			for (const [cookie, count] of acknowledgedBeforeBackup) {
				const sessionId = createHash('sha256').update(cookie.slice('session='.length)).digest('hex');
				const row = db
					.prepare('select count(*) as n from attempts where user_id = (select user_id from sessions where id = ?)')
					.get(sessionId) as { n: number };
				expect(row.n).toBeGreaterThanOrEqual(count);
			}
			const attempts = (db.prepare('select count(*) as n from attempts').get() as { n: number }).n;
			// A snapshot: nothing the live server wrote after it can be in the copy.
			expect(attempts).toBeLessThanOrEqual(liveAttempts);
		} finally {
			db.close();
		}
	});

	it('is a consistent set of rows (users, sessions, attempts and their summaries agree)', () => {
		const db = new Database(restoredFile, { readonly: true });
		const count = (query: string) => (db.prepare(query).get() as { n: number }).n;
		try {
			expect(count('select count(*) as n from attempts where user_id not in (select id from users)')).toBe(0);
			expect(count('select count(*) as n from sessions where user_id not in (select id from users)')).toBe(0);
			// attempt_summaries is kept by triggers in the same transaction as each attempt: a copy
			// mixing two moments would have a summary out of step with the attempts.
			const groups = `select user_id, question_id, content_version, min(id) as first_id, max(id) as latest_id
				from attempts group by user_id, question_id, content_version`;
			expect(count(`select count(*) as n from (${groups})`)).toBeGreaterThan(0);
			expect(count('select count(*) as n from attempt_summaries')).toBe(count(`select count(*) as n from (${groups})`));
			expect(
				count(`select count(*) as n from (${groups}) g join attempt_summaries s using (user_id, question_id, content_version)
					where s.first_id = g.first_id and s.latest_id = g.latest_id`)
			).toBe(count('select count(*) as n from attempt_summaries'));
		} finally {
			db.close();
		}
	});
});

describe('backupDatabase under constant writes', () => {
	it('finishes with a consistent copy even when every step is interrupted by a write', async () => {
		const source = join(dir, 'busy.db');
		const writer = new Database(source);
		writer.pragma('journal_mode = WAL');
		writer.exec('create table rows (id integer primary key, body text); create table tally (n integer)');
		writer.exec('insert into tally values (0)');
		const addRow = writer.transaction(() => {
			writer.prepare('insert into rows (body) values (?)').run('x'.repeat(500));
			writer.prepare('update tally set n = n + 1').run();
		});
		for (let i = 0; i < 2000; i++) addRow();

		// A second connection writes between the backup's steps (both run as setImmediate
		// callbacks, so they alternate), and SQLite restarts the copy after each write: tiny steps
		// would never finish without the fallback to one big step.
		let writing = true;
		const stopAt = Date.now() + 5_000;
		let writesDuringBackup = 0;
		const write = () => {
			if (!writing || Date.now() > stopAt) return;
			addRow();
			writesDuringBackup++;
			setImmediate(write);
		};
		setImmediate(write);
		const destination = join(dir, 'busy-copy.db');
		try {
			const result = await backupDatabase(source, destination, { pagesPerStep: 5 });
			expect(Date.now() <= stopAt, 'the copy only finished once the writes stopped').toBe(true);
			expect(result.restarts).toBeGreaterThanOrEqual(1);
			expect(result.integrity).toEqual(['ok']);
		} finally {
			writing = false;
			writer.close();
		}
		expect(writesDuringBackup).toBeGreaterThan(0);

		const copy = new Database(destination, { readonly: true });
		try {
			const rows = (copy.prepare('select count(*) as n from rows').get() as { n: number }).n;
			const tally = (copy.prepare('select n from tally').get() as { n: number }).n;
			expect(rows).toBeGreaterThanOrEqual(2000);
			expect(tally).toBe(rows); // both sides of each transaction, or neither
			expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
		} finally {
			copy.close();
		}
	}, 20_000);
});

describe('the backup CLI refuses clearly', () => {
	const noStackTrace = (run: CliRun) => expect(run.stderr).not.toContain('    at ');
	const existing = join(dir, 'existing.db');
	const smallSource = join(dir, 'small.db');
	let withoutArgument: CliRun;
	let withoutSource: CliRun;
	let ontoExisting: CliRun;

	// The three runs are independent: start them together to keep the test short.
	beforeAll(async () => {
		const small = new Database(smallSource);
		small.exec('create table t (x)');
		small.close();
		writeFileSync(existing, 'keep me');
		[withoutArgument, withoutSource, ontoExisting] = await Promise.all([
			runBackupCli([], smallSource),
			runBackupCli([join(dir, 'from-missing.db')], join(dir, 'missing.db')),
			runBackupCli([existing], smallSource)
		]);
	}, 30_000);

	it('without a destination argument, printing the usage', () => {
		expect(withoutArgument.code).toBe(1);
		expect(withoutArgument.stderr).toMatch(/^Usage: npm run backup -- <destination file>/);
		expect(withoutArgument.stderr.trim().split('\n')).toHaveLength(1);
		noStackTrace(withoutArgument);
	});

	it('when the source database does not exist, creating nothing', () => {
		expect(withoutSource.code).toBe(1);
		expect(withoutSource.stderr.trim()).toBe(`Backup failed: the database ${join(dir, 'missing.db')} does not exist`);
		expect(existsSync(join(dir, 'from-missing.db'))).toBe(false);
		expect(existsSync(join(dir, 'missing.db'))).toBe(false);
		noStackTrace(withoutSource);
	});

	it('when the destination already exists, leaving it untouched', () => {
		expect(ontoExisting.code).toBe(1);
		expect(ontoExisting.stderr.trim()).toBe(`Backup failed: ${existing} already exists; choose a new file name`);
		expect(readFileSync(existing, 'utf8')).toBe('keep me');
		noStackTrace(ontoExisting);
	});
});
