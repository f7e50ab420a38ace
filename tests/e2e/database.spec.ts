import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { E2E_DATABASE } from '../../playwright.config';

test('on first start the server creates the database file with every table', async ({ request }) => {
	expect((await request.get('/healthz')).ok()).toBe(true);
	const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
	try {
		const tables = db
			.prepare("select name from sqlite_master where type = 'table'")
			.all()
			.map((row) => (row as { name: string }).name);
		expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'classes', 'enrollments', 'attempts']));
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
	} finally {
		db.close();
	}
});
