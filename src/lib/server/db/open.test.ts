import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sqliteClient, databasePath, DatabaseStartError, JOURNAL_SIZE_LIMIT_BYTES, openDatabase } from './open';

const dirs: string[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
	it('creates the file, its folder and every table from an empty start', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		const db = openDatabase(join(dir, 'nested', 'app.db'));
		const tables = sqliteClient(db)
			.prepare("select name from sqlite_master where type = 'table' order by name")
			.all()
			.map((row) => (row as { name: string }).name);
		expect(tables).toEqual(
			expect.arrayContaining(['attempts', 'classes', 'enrollments', 'sessions', 'users'])
		);
		sqliteClient(db).close();
	});

	it('sets WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		const db = openDatabase(join(dir, 'app.db'));
		const client = sqliteClient(db);
		expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(client.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
		expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(client.pragma('busy_timeout', { simple: true })).toBe(5000);
		client.close();
	});

	it('bounds the WAL: automatic checkpoints and a size it is cut back to', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		const client = sqliteClient(openDatabase(join(dir, 'app.db')));
		expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
		expect(client.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT_BYTES);
		client.close();
	});

	it('says in one line which path cannot be opened and what to do', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		// A file where the folder should be: neither the folder nor the database can be made.
		writeFileSync(join(dir, 'not-a-folder'), '');
		const path = join(dir, 'not-a-folder', 'app.db');
		let thrown: unknown;
		try {
			openDatabase(path);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(DatabaseStartError);
		const message = (thrown as Error).message;
		expect(message).toContain(path);
		expect(message).toContain('DATABASE_URL');
		expect(message).not.toContain('\n');
	});

	it('names the path of a file that is not a database', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		const path = join(dir, 'app.db');
		writeFileSync(path, 'this is not a database, only text that is long enough to have a header '.repeat(20));
		expect(() => openDatabase(path)).toThrow(DatabaseStartError);
	});

	it('is safe to open twice (migrations already applied)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		const file = join(dir, 'app.db');
		sqliteClient(openDatabase(file)).close();
		const again = openDatabase(file);
		expect(sqliteClient(again).prepare('select count(*) as n from users').get()).toEqual({ n: 0 });
		sqliteClient(again).close();
	});
});

describe('databasePath', () => {
	it('defaults to data/app.db and accepts file: URLs', async () => {
		expect(databasePath(undefined)).toBe('data/app.db');
		expect(databasePath('')).toBe('data/app.db');
		expect(databasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
		expect(databasePath('/srv/course.db')).toBe('/srv/course.db');
	});
});

describe('migration 0007', () => {
	it('removes instructors from the classes they joined before joining was for students only', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'course-db-'));
		dirs.push(dir);
		const db = openDatabase(join(dir, 'app.db'));
		const client = sqliteClient(db);
		client.exec(`
			insert into users (id, role, username) values ('t1', 'instructor', 't1'), ('t2', 'instructor', 't2'), ('s1', 'student', 's1');
			insert into classes (id, instructor_id, name) values ('c1', 't1', 'History');
			insert into enrollments (class_id, user_id) values ('c1', 't2'), ('c1', 's1');
		`);
		const sql = readFileSync(join('drizzle', readdirSync('drizzle').find((f) => f.startsWith('0007_'))!), 'utf8');
		client.exec(sql);
		expect(client.prepare('select user_id from enrollments').pluck().all()).toEqual(['s1']);
		client.close();
	});
});
