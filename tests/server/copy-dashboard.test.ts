// After `npm run db:copy`, the dashboard says the same on both databases: the demo class (npm
// run demo) in a SQLite file is copied into a real PostgreSQL (port 4731), the built app is
// started on each (ports 4732 and 4733), and the demo teacher's progress export, attempts export,
// class page and item analysis come out the same from both servers.
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoData, DEMO_INSTRUCTOR_PASSWORD, DEMO_INSTRUCTOR_USERNAME } from '../../scripts/demo-data';
import { buildCourse } from '../../src/lib/server/content/course';
import { openDatabase, sqliteClient } from '../../src/lib/server/db/open';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const POSTGRES_PORT = 4731;
const SQLITE_APP_PORT = 4732;
const POSTGRES_APP_PORT = 4733;

const dir = mkdtempSync(join(tmpdir(), 'copy-dashboard-'));
const file = join(dir, 'app.db');
let postgres: TestPostgres;
const servers: ChildProcess[] = [];
let classId = '';
/** When both servers were up: every time in the data is earlier, and every "as of" later. */
let serversUpAt = 0;

beforeAll(async () => {
	const db = openDatabase(file);
	try {
		classId = (await createDemoData(db, await buildCourse(resolve('lessons')))).classId;
	} finally {
		sqliteClient(db).close();
	}
	postgres = await startPostgres(POSTGRES_PORT);
	await new Promise<void>((done, fail) =>
		execFile(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', file, postgres.url], (error) => (error ? fail(error) : done()))
	);
	for (const [port, url] of [[SQLITE_APP_PORT, file], [POSTGRES_APP_PORT, postgres.url]] as const) {
		const server = startServer({ port, databaseUrl: url });
		servers.push(server);
		await waitUntilHealthy(serverOrigin(port), server);
	}
	serversUpAt = Date.now();
}, 120_000);

afterAll(async () => {
	for (const server of servers) server.kill();
	await Promise.all(servers.map(stopped));
	await postgres?.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** The demo teacher's session cookie on the server at `port`. */
async function signIn(port: number): Promise<string> {
	const origin = serverOrigin(port);
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username: DEMO_INSTRUCTOR_USERNAME, password: DEMO_INSTRUCTOR_PASSWORD })
	});
	expect(response.status).toBe(303);
	return response.headers.get('set-cookie')!.match(/session=[^;]+/)![0];
}

/** What a page or export says, without what differs by when it was asked (the "as of" time, "2 days ago"). */
async function read(port: number, cookie: string, path: string): Promise<string> {
	const response = await fetch(`${serverOrigin(port)}${path}`, { headers: { cookie } });
	expect(response.status, path).toBe(200);
	const text = await response.text();
	const asOf = (time: string) => (Date.parse(time) >= serversUpAt - 1000 ? 'as of' : time);
	return path.endsWith('.csv')
		? text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, asOf)
		: // The page's main content as text: no scripts, nonces or asset names that change per start.
			text
				.slice(text.indexOf('<main'), text.indexOf('</main>'))
				.replace(/<[^>]+>/g, ' ')
				.replace(/\b(\d+ (seconds?|minutes?|hours?|days?) ago|today|yesterday)\b/gi, '')
				.replace(/\s+/g, ' ');
}

describe('the dashboard after db:copy', () => {
	it('shows the same figures on SQLite and on PostgreSQL', async () => {
		const cookies = [await signIn(SQLITE_APP_PORT), await signIn(POSTGRES_APP_PORT)];
		for (const path of [
			`/teach/classes/${classId}/export.csv`,
			`/teach/classes/${classId}/attempts.csv`,
			`/teach/classes/${classId}`,
			`/teach/classes/${classId}/items`
		]) {
			const [fromSqlite, fromPostgres] = [await read(SQLITE_APP_PORT, cookies[0], path), await read(POSTGRES_APP_PORT, cookies[1], path)];
			expect(fromSqlite.length, path).toBeGreaterThan(500);
			expect(fromPostgres, path).toBe(fromSqlite);
		}
	}, 60_000);
});
