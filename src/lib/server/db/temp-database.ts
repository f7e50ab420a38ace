// For unit tests: a fresh database file in its own temporary folder, migrated as at start,
// closed and removed when the test file's tests are done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, sqliteClient, type AppDatabase } from './open';

export function tempDatabase(name: string): AppDatabase {
	const dir = mkdtempSync(join(tmpdir(), `course-${name}-`));
	const db = openDatabase(join(dir, 'app.db'));
	afterAll(() => {
		sqliteClient(db).close();
		rmSync(dir, { recursive: true, force: true });
	});
	return db;
}
