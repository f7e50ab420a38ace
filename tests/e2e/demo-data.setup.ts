// Runs once, before the browser tests: `npm run demo` data in the test server's database, so the
// dashboard and accessibility specs explore a believable class without racing to create it.
import { test as setup } from '@playwright/test';
import { resolve } from 'node:path';
import { E2E_DATABASE } from '../../playwright.config';
import { createDemoData } from '../../scripts/demo-data';
import { buildCourse } from '../../src/lib/server/content/course';
import { openDatabase, sqliteClient } from '../../src/lib/server/db/open';

setup('create the demo class', async () => {
	const db = openDatabase(E2E_DATABASE);
	try {
		await createDemoData(db, await buildCourse(resolve('lessons')));
	} finally {
		sqliteClient(db).close();
	}
});
