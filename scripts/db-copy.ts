// `npm run db:copy -- <from.db> <postgres://…> [--replace]`: moves a SQLite database (the
// app's file, up to date with its migrations) into PostgreSQL. Every table, base and derived,
// in one transaction: either all of it is copied and the row counts agree, or nothing is.
//
// The target is migrated first (as the app does at start). It must hold no accounts or
// answers yet unless --replace is given; everything in it is replaced by the file's contents.
// Stop the app servers on the target while copying. The source may stay in use: it is read in
// one read transaction, so the copy is of one moment.
//
// Derived tables (attempt_summaries, lesson_summaries, first_scores, course_questions) are
// copied as they are, with the target's own triggers switched off for the copy (ALTER TABLE …
// DISABLE TRIGGER USER, which the tables' owner may do; foreign-key checks are system
// triggers and stay on). Why: the SQLite triggers kept those rows by the same rules (the
// derived-tables test compares the two), so the copy is exact, first_scores ids included,
// and it costs one insert per row instead of replaying every answer through the triggers.
// The triggers are on again before the commit, and the transaction's rollback undoes the
// switch on any failure.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type pg from 'pg';
import { RATE_LIMIT_TABLE } from '../src/lib/server/auth/rate-limit';
import { dialectOf } from '../src/lib/server/db/dialect';
import { DatabaseStartError, databasePath } from '../src/lib/server/db/open';
import { openPostgres } from '../src/lib/server/db/open-postgres';

const USAGE = 'Usage: npm run db:copy -- <from SQLite file> <to postgres://user:password@host:port/database> [--replace]';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const MAX_ROWS_PER_BATCH = 1000;
const MAX_PARAMETERS = 30_000;

class CopyError extends Error {}

type Column = { name: string; type: string; identity: boolean };
type Table = { name: string; columns: Column[] };

function parseArguments(args: string[]): { from: string; to: string; replace: boolean } {
	const replace = args.includes('--replace');
	const rest = args.filter((a) => a !== '--replace');
	if (rest.length !== 2 || rest.some((a) => a.trim() === '' || a.startsWith('--'))) throw new CopyError(USAGE);
	const [from, to] = rest;
	if (dialectOf(from) === 'postgres' && dialectOf(to) !== 'postgres') {
		throw new CopyError('Copying from PostgreSQL to SQLite is not supported: the copy goes from a SQLite file to PostgreSQL.');
	}
	if (dialectOf(from) === 'postgres') throw new CopyError(`The source must be a SQLite file, not a PostgreSQL URL. ${USAGE}`);
	if (dialectOf(to) !== 'postgres') throw new CopyError(`The target must be a postgres:// or postgresql:// URL. ${USAGE}`);
	return { from: databasePath(from), to, replace };
}

function openSource(path: string): Database.Database {
	let source: Database.Database;
	try {
		source = new Database(path, { readonly: true, fileMustExist: true });
		source.prepare('select count(*) from sqlite_master').get();
	} catch (error) {
		throw new CopyError(`Cannot read the SQLite database ${resolve(path)}: ${(error as Error).message}.`);
	}
	const journal = JSON.parse(readFileSync(resolve('drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
	const hasMigrations = source.prepare("select 1 from sqlite_master where name = '__drizzle_migrations'").get() !== undefined;
	const applied = hasMigrations ? (source.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n : 0;
	if (applied !== journal.entries.length) {
		source.close();
		throw new CopyError(
			`${resolve(path)} is not up to date (${applied} of ${journal.entries.length} migrations applied). ` +
				'Start this version of the app on it once (npm start with DATABASE_URL set to the file), then copy again.'
		);
	}
	return source;
}

/** The target's tables and columns, parents before children (foreign keys), from its catalog. */
async function targetTables(client: pg.PoolClient): Promise<Table[]> {
	const { rows: columns } = await client.query<{ table: string; name: string; type: string; identity: boolean }>(
		`select c.relname as table, a.attname as name, format_type(a.atttypid, null) as type, a.attidentity <> '' as identity
		   from pg_class c join pg_namespace n on n.oid = c.relnamespace
		   join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
		  where n.nspname = 'public' and c.relkind = 'r' order by c.relname, a.attnum`
	);
	const { rows: references } = await client.query<{ child: string; parent: string }>(
		`select conrelid::regclass::text as child, confrelid::regclass::text as parent
		   from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`
	);
	const tables = new Map<string, Table>();
	for (const column of columns) {
		// The rate limiter's own table (made by the app at start): counts of the moment, not data to copy.
		if (column.table === RATE_LIMIT_TABLE) continue;
		const table = tables.get(column.table) ?? { name: column.table, columns: [] };
		table.columns.push({ name: column.name, type: column.type, identity: column.identity });
		tables.set(column.table, table);
	}
	const ordered: Table[] = [];
	const placed = new Set<string>();
	const place = (name: string, path: string[]) => {
		if (placed.has(name)) return;
		if (path.includes(name)) throw new CopyError(`The foreign keys of ${name} form a cycle; cannot order the copy.`);
		for (const { child, parent } of references) if (child === name && parent !== name) place(parent, [...path, name]);
		placed.add(name);
		ordered.push(tables.get(name)!);
	};
	for (const name of [...tables.keys()].sort()) place(name, []);
	return ordered;
}

/** The source's columns must be the target's: same tables, same column names. */
function checkSameTables(source: Database.Database, tables: Table[]): void {
	const sourceTables = (
		source.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[]
	).map((t) => t.name);
	const missing = tables.map((t) => t.name).filter((name) => !sourceTables.includes(name));
	const extra = sourceTables.filter((name) => !tables.some((t) => t.name === name));
	if (missing.length || extra.length) {
		throw new CopyError(`The two databases do not have the same tables (only in PostgreSQL: ${missing.join(', ') || 'none'}; only in SQLite: ${extra.join(', ') || 'none'}).`);
	}
	for (const table of tables) {
		const sourceColumns = (source.prepare(`pragma table_info("${table.name}")`).all() as { name: string }[]).map((c) => c.name).sort();
		const targetColumns = table.columns.map((c) => c.name).sort();
		if (sourceColumns.join() !== targetColumns.join()) {
			throw new CopyError(`${table.name} has different columns in SQLite (${sourceColumns.join(', ')}) and PostgreSQL (${targetColumns.join(', ')}).`);
		}
	}
}

/** A SQLite value as the PostgreSQL column stores it: milliseconds become times, 0/1 booleans. */
function converter(column: Column): (value: unknown) => unknown {
	if (column.type === 'timestamp with time zone') return (value) => (value === null ? null : new Date(Number(value)));
	if (column.type === 'boolean') return (value) => (value === null ? null : value === 1 || value === '1' || value === true);
	return (value) => value;
}

async function copyTable(source: Database.Database, client: pg.PoolClient, table: Table): Promise<void> {
	const names = table.columns.map((c) => c.name);
	const converters = table.columns.map(converter);
	const rowsPerBatch = Math.max(1, Math.min(MAX_ROWS_PER_BATCH, Math.floor(MAX_PARAMETERS / names.length)));
	const columnList = names.map((n) => `"${n}"`).join(', ');
	let batch: unknown[][] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		const values: unknown[] = [];
		const tuples = batch.map((row) => `(${row.map((value) => (values.push(value), `$${values.length}`)).join(', ')})`);
		await client.query(`insert into "${table.name}" (${columnList}) values ${tuples.join(', ')}`, values);
		batch = [];
	};
	const select = source.prepare(`select ${columnList} from "${table.name}"`).raw(true);
	for (const row of select.iterate() as Iterable<unknown[]>) {
		batch.push(row.map((value, i) => converters[i](value)));
		if (batch.length >= rowsPerBatch) await flush();
	}
	await flush();
}

/**
 * Identity sequences continue after the copied ids: after the highest id SQLite ever handed
 * out (sqlite_sequence, for AUTOINCREMENT tables, which never reuse ids), or the highest present.
 */
async function resetSequences(source: Database.Database, client: pg.PoolClient, tables: Table[]): Promise<void> {
	const hasSequences = source.prepare("select 1 from sqlite_master where name = 'sqlite_sequence'").get() !== undefined;
	for (const table of tables) {
		for (const column of table.columns.filter((c) => c.identity)) {
			const used = hasSequences ? ((source.prepare('select seq from sqlite_sequence where name = ?').get(table.name) as { seq: number } | undefined)?.seq ?? 0) : 0;
			await client.query(
				`select setval(pg_get_serial_sequence($1, $2), greatest((select coalesce(max("${column.name}"), 0) from "${table.name}"), $3::bigint) + 1, false)`,
				[`public."${table.name}"`, column.name, used]
			);
		}
	}
}

async function copy(from: string, to: string, replace: boolean): Promise<boolean> {
	const source = openSource(from);
	const target = await openPostgres(to);
	const client = await target.$client.connect();
	try {
		source.exec('begin'); // one read snapshot of the file for the whole copy
		await client.query('begin');
		const tables = await targetTables(client);
		checkSameTables(source, tables);
		const { rows } = await client.query<{ used: boolean }>('select exists (select 1 from users) or exists (select 1 from attempts) as used');
		if (rows[0].used && !replace) {
			throw new CopyError('The PostgreSQL database already has accounts or answers. Give --replace to replace everything in it with the SQLite file.');
		}
		await client.query(`truncate ${tables.map((t) => `"${t.name}"`).join(', ')} restart identity cascade`);
		const withTriggers = await client.query<{ table: string }>(
			`select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
			  where not t.tgisinternal and c.relnamespace = 'public'::regnamespace`
		);
		for (const { table } of withTriggers.rows) await client.query(`alter table "${table}" disable trigger user`);
		for (const table of tables) {
			if (process.stdout.isTTY) process.stdout.write(`\rCopying ${table.name}…`.padEnd(40));
			await copyTable(source, client, table);
		}
		if (process.stdout.isTTY) process.stdout.write('\r'.padEnd(41) + '\r');
		for (const { table } of withTriggers.rows) await client.query(`alter table "${table}" enable trigger user`);
		await resetSequences(source, client, tables);

		const counts: { table: string; sqlite: number; postgres: number }[] = [];
		for (const table of tables) {
			const sqliteCount = (source.prepare(`select count(*) as n from "${table.name}"`).get() as { n: number }).n;
			const postgresCount = Number((await client.query(`select count(*) as n from "${table.name}"`)).rows[0].n);
			counts.push({ table: table.name, sqlite: sqliteCount, postgres: postgresCount });
		}
		printCounts(counts);
		const agree = counts.every((c) => c.sqlite === c.postgres);
		if (!agree) {
			await client.query('rollback');
			return false;
		}
		await client.query('commit');
		return true;
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		if (source.inTransaction) source.exec('commit');
		source.close();
		client.release();
		await target.$client.end();
	}
}

function printCounts(counts: { table: string; sqlite: number; postgres: number }[]): void {
	const width = Math.max(5, ...counts.map((c) => c.table.length));
	console.log(`${'table'.padEnd(width)}  ${'SQLite'.padStart(10)}  ${'PostgreSQL'.padStart(10)}`);
	for (const c of counts) {
		const mark = c.sqlite === c.postgres ? '' : '  MISMATCH';
		console.log(`${c.table.padEnd(width)}  ${String(c.sqlite).padStart(10)}  ${String(c.postgres).padStart(10)}${mark}`);
	}
}

try {
	const { from, to, replace } = parseArguments(process.argv.slice(2));
	const started = Date.now();
	const copied = await copy(from, to, replace);
	if (!copied) {
		console.error('Copy failed: the row counts differ (see above); nothing was written to PostgreSQL.');
		process.exit(1);
	}
	console.log(`Copied ${resolve(from)} to PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s; every table has the same number of rows.`);
} catch (error) {
	// One line, no stack trace: refusals, unreachable servers, or a database error the person can act on.
	const known = error instanceof CopyError || error instanceof DatabaseStartError;
	console.error(known ? (error as Error).message : `Copy failed, nothing was written to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
