// Runs once, before the browser tests: `npm run demo` data in the test server's database, so the
// dashboard and accessibility specs explore a believable class without racing to create it.
import { test as setup } from '@playwright/test';
import { resolve } from 'node:path';
import { createDemoData } from '../../scripts/demo-data';
import { buildCourse } from '../../src/lib/server/content/course';
import { closeDatabase } from '../../src/lib/server/db/open';
import { openE2eDatabase } from '../support/e2e-database';

setup('create the demo class', async () => {
	const db = await openE2eDatabase();
	try {
		await createDemoData(db, await buildCourse(resolve('lessons')));
	} finally {
		await closeDatabase(db);
	}
});
