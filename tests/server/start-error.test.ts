// A database that cannot be opened for writing stops the server at start with one line that
// names the path and the fix, not a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, stopped } from '../support/server';

const dir = mkdtempSync(join(tmpdir(), 'course-start-error-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an unwritable database at start', () => {
	it('ends the server with one line naming the path and what to do', async () => {
		// A file where the database's folder should be.
		writeFileSync(join(dir, 'not-a-folder'), '');
		const databaseFile = join(dir, 'not-a-folder', 'app.db');
		let log = '';
		const server = startServer({ port: 4387, databaseFile, onStderr: (chunk) => (log += chunk) });
		await stopped(server);
		expect(server.exitCode).toBe(1);
		const lines = log.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`Cannot open the database ${databaseFile}`);
		expect(lines[0]).toContain('DATABASE_URL');
	});
});
