// The SQLite and PostgreSQL schemas define the same database: the same tables and views, the
// same columns (with types that read back as the same JavaScript values), nullability, keys,
// foreign keys, unique constraints and indexes. Read from the catalogs of two databases migrated
// from scratch (all of drizzle/ into a SQLite file, all of drizzle/postgres/ into a real
// PostgreSQL on port 4711), and from the two drizzle schema files.
//
// Why it fails when a column is added to one schema only: if it is added to one schema file,
// 'the two schema files declare the same tables and columns' sees a column name on one side
// only; once its migration is generated, the catalog comparison below sees it too (the column
// lists per table are compared whole, and each catalog is compared with its own schema file,
// so a schema change without its migration fails as well). The same holds for an index, a key
// or a derived table added by hand to one dialect's migrations.
import { getTableConfig as postgresTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../tests/support/postgres';
import { openDatabase, type AppDatabase } from './open';
import { openPostgres } from './open-postgres';
import * as postgresSchema from './schema/postgres';
import * as sqliteSchema from './schema/sqlite';

const PORT = 4711;

/** Derived tables (hand-written migrations, in no schema file) and the view over them. */
const DERIVED_TABLES = ['attempt_summaries', 'course_questions', 'first_scores', 'lesson_summaries'];
const VIEWS = ['lesson_summary_rows'];
/** Points in time in the derived tables: milliseconds in SQLite, timestamptz in PostgreSQL. */
const DERIVED_TIMESTAMPS = ['attempt_summaries.latest_at', 'lesson_summaries.last_at'];

type Column = { name: string; type: string; notNull: boolean };
type ForeignKey = { columns: string[]; target: string; targetColumns: string[]; onDelete: string };
type Index = { key: string; columns: string[]; unique: boolean; partial: boolean };
type Table = { columns: Column[]; primaryKey: string[]; foreignKeys: ForeignKey[]; indexes: Index[]; triggers: number };
type Catalog = { tables: Map<string, Table>; views: Map<string, string[]> };

let server: TestPostgres;
let directory: string;
let sqlite: Database.Database;
let postgres: AppDatabase;
let sqliteCatalog: Catalog;
let postgresCatalog: Catalog;

beforeAll(async () => {
	server = await startPostgres(PORT);
	directory = mkdtempSync(join(tmpdir(), 'schema-agreement-'));
	sqlite = openDatabase(join(directory, 'app.db')).$client as unknown as Database.Database;
	postgres = await openPostgres(server.url);
	sqliteCatalog = readSqliteCatalog(sqlite);
	postgresCatalog = await readPostgresCatalog(postgres);
}, 60_000);

afterAll(async () => {
	sqlite?.close();
	await postgres?.$client.end();
	await server?.stop();
	if (directory) rmSync(directory, { recursive: true, force: true });
});

/** An index as both catalogs can name it: by its own name, or by what it covers when the database named it. */
function indexKey(name: string, generated: boolean, columns: string[]): string {
	return generated ? `unique (${columns.join(', ')})` : name;
}

function readSqliteCatalog(db: Database.Database): Catalog {
	const objects = db
		.prepare("select name, type from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' and name not like '__drizzle%'")
		.all() as { name: string; type: string }[];
	const tables = new Map<string, Table>();
	const views = new Map<string, string[]>();
	for (const { name, type } of objects) {
		const info = db.prepare(`pragma table_info(${JSON.stringify(name)})`).all() as {
			name: string;
			type: string;
			notnull: number;
			pk: number;
		}[];
		if (type === 'view') {
			views.set(name, info.map((c) => c.name));
			continue;
		}
		const foreignKeys = new Map<number, ForeignKey>();
		for (const fk of db.prepare(`pragma foreign_key_list(${JSON.stringify(name)})`).all() as {
			id: number;
			table: string;
			from: string;
			to: string;
			on_delete: string;
		}[]) {
			const entry = foreignKeys.get(fk.id) ?? { columns: [], target: fk.table, targetColumns: [], onDelete: fk.on_delete.toLowerCase() };
			entry.columns.push(fk.from);
			entry.targetColumns.push(fk.to);
			foreignKeys.set(fk.id, entry);
		}
		const indexes = (
			db.prepare(`pragma index_list(${JSON.stringify(name)})`).all() as { name: string; unique: number; origin: string; partial: number }[]
		)
			.filter((index) => index.origin !== 'pk')
			.map((index) => {
				const columns = (db.prepare(`pragma index_info(${JSON.stringify(index.name)})`).all() as { seqno: number; name: string }[])
					.sort((a, b) => a.seqno - b.seqno)
					.map((c) => c.name);
				return { key: indexKey(index.name, index.origin === 'u', columns), columns, unique: index.unique === 1, partial: index.partial === 1 };
			});
		const triggers = (db.prepare("select count(*) as n from sqlite_master where type = 'trigger' and tbl_name = ?").get(name) as { n: number }).n;
		tables.set(name, {
			columns: info.map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1 || c.pk > 0 })),
			primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
			foreignKeys: [...foreignKeys.values()],
			indexes,
			triggers
		});
	}
	return { tables, views };
}

const ON_DELETE: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

async function readPostgresCatalog(db: AppDatabase): Promise<Catalog> {
	const query = async <T>(text: string, values: unknown[] = []) => (await db.$client.query(text, values)).rows as T[];
	const objects = await query<{ name: string; kind: string }>(
		"select c.relname as name, c.relkind as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'v')"
	);
	const tables = new Map<string, Table>();
	const views = new Map<string, string[]>();
	for (const { name, kind } of objects) {
		const columns = await query<{ name: string; type: string; not_null: boolean }>(
			`select a.attname as name, format_type(a.atttypid, null) as type, a.attnotnull as not_null
			   from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
			[`public.${name}`]
		);
		if (kind === 'v') {
			views.set(name, columns.map((c) => c.name));
			continue;
		}
		const columnsOf = async (oid: string, attnums: string) =>
			(
				await query<{ name: string }>(
					`select a.attname as name from unnest($2::int2[]) with ordinality k(attnum, n)
					   join pg_attribute a on a.attrelid = $1::oid and a.attnum = k.attnum order by k.n`,
					[oid, attnums]
				)
			).map((c) => c.name);
		const constraints = await query<{ type: string; conkey: string; confrelid: string; confkey: string | null; target: string | null; deltype: string; index_name: string | null }>(
			`select contype as type, conkey::text as conkey, confrelid::text as confrelid, confkey::text as confkey,
			        confrelid::regclass::text as target, confdeltype as deltype, conindid::regclass::text as index_name
			   from pg_constraint where conrelid = $1::regclass and contype in ('p', 'f', 'u')`,
			[`public.${name}`]
		);
		const oid = (await query<{ oid: string }>('select $1::regclass::oid::text as oid', [`public.${name}`]))[0].oid;
		let primaryKey: string[] = [];
		const foreignKeys: ForeignKey[] = [];
		const uniqueConstraintIndexes = new Set<string>();
		for (const c of constraints) {
			if (c.type === 'p') primaryKey = await columnsOf(oid, c.conkey);
			if (c.type === 'u' && c.index_name) uniqueConstraintIndexes.add(c.index_name);
			if (c.type === 'f') {
				foreignKeys.push({
					columns: await columnsOf(oid, c.conkey),
					target: c.target!.replace(/^public\./, ''),
					targetColumns: await columnsOf(c.confrelid, c.confkey!),
					onDelete: ON_DELETE[c.deltype]
				});
			}
		}
		const indexRows = await query<{ name: string; indkey: string; unique: boolean; partial: boolean }>(
			`select i.indexrelid::regclass::text as name, array_to_string(i.indkey, ',') as indkey, i.indisunique as unique, i.indpred is not null as partial
			   from pg_index i where i.indrelid = $1::regclass and not i.indisprimary`,
			[`public.${name}`]
		);
		const indexes: Index[] = [];
		for (const index of indexRows) {
			const columns = await columnsOf(oid, `{${index.indkey.split(',').join(',')}}`);
			// A UNIQUE written without a name gets PostgreSQL's name <table>_<columns>_key (SQLite's: sqlite_autoindex_…).
			const generated = uniqueConstraintIndexes.has(index.name) && index.name === `${name}_${columns.join('_')}_key`;
			indexes.push({ key: indexKey(index.name, generated, columns), columns, unique: index.unique, partial: index.partial });
		}
		const triggers = (await query<{ n: number }>('select count(*) as n from pg_trigger where tgrelid = $1::regclass and not tgisinternal', [`public.${name}`]))[0].n;
		tables.set(name, {
			columns: columns.map((c) => ({ name: c.name, type: c.type, notNull: c.not_null })),
			primaryKey,
			foreignKeys,
			indexes,
			triggers
		});
	}
	return { tables, views };
}

/** What each dialect's schema file declares, as "table.column" → the column's drizzle kind. */
function declaredColumns(): { sqlite: Map<string, string>; postgres: Map<string, string> } {
	const sqliteColumns = new Map<string, string>();
	const postgresColumns = new Map<string, string>();
	for (const table of Object.values(sqliteSchema)) {
		const config = sqliteTableConfig(table as SQLiteTable);
		for (const column of config.columns) sqliteColumns.set(`${config.name}.${column.name}`, column.columnType);
	}
	for (const table of Object.values(postgresSchema)) {
		const config = postgresTableConfig(table as PgTable);
		for (const column of config.columns) postgresColumns.set(`${config.name}.${column.name}`, column.columnType);
	}
	return { sqlite: sqliteColumns, postgres: postgresColumns };
}

/** SQLite's drizzle kind → the PostgreSQL kinds that read back as the same JavaScript value. */
const DECLARED_KINDS: Record<string, string[]> = {
	SQLiteText: ['PgText'],
	SQLiteInteger: ['PgInteger', 'PgBigInt53'],
	SQLiteReal: ['PgDoublePrecision'],
	SQLiteTimestamp: ['PgTimestamp'],
	SQLiteBoolean: ['PgBoolean']
};

/** The PostgreSQL column types that store what a SQLite column of this kind (and declared type) stores. */
function compatiblePostgresTypes(column: string, sqliteType: string, declaredKind: string | undefined): string[] {
	if (declaredKind === 'SQLiteTimestamp' || DERIVED_TIMESTAMPS.includes(column)) return ['timestamp with time zone'];
	if (declaredKind === 'SQLiteBoolean') return ['boolean'];
	return ({ text: ['text'], integer: ['integer', 'bigint'], real: ['double precision'] } as Record<string, string[]>)[sqliteType] ?? [];
}

const sorted = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

describe('the SQLite and PostgreSQL schemas', () => {
	it('the two schema files declare the same tables and columns, with kinds that read back alike', () => {
		const declared = declaredColumns();
		expect([...declared.postgres.keys()].sort()).toEqual([...declared.sqlite.keys()].sort());
		for (const [column, kind] of declared.sqlite) {
			expect({ column, kind: declared.postgres.get(column) }).toEqual({ column, kind: expect.toBeOneOf(DECLARED_KINDS[kind]) });
		}
	});

	it('each migrated database has the columns its schema file declares (no migration missing)', () => {
		const declared = declaredColumns();
		for (const [catalog, columns] of [
			[sqliteCatalog, declared.sqlite],
			[postgresCatalog, declared.postgres]
		] as const) {
			const declaredTables = new Set([...columns.keys()].map((c) => c.split('.')[0]));
			const migrated = [...catalog.tables].filter(([name]) => declaredTables.has(name)).flatMap(([name, t]) => t.columns.map((c) => `${name}.${c.name}`));
			expect(migrated.sort()).toEqual([...columns.keys()].sort());
		}
	});

	it('have the same tables, derived ones included, and the same views with the same columns', () => {
		expect([...postgresCatalog.tables.keys()].sort()).toEqual([...sqliteCatalog.tables.keys()].sort());
		expect([...sqliteCatalog.tables.keys()]).toEqual(expect.arrayContaining(DERIVED_TABLES));
		expect([...postgresCatalog.views.keys()].sort()).toEqual(VIEWS);
		expect([...sqliteCatalog.views.keys()].sort()).toEqual(VIEWS);
		for (const view of VIEWS) expect(postgresCatalog.views.get(view)).toEqual(sqliteCatalog.views.get(view));
	});

	it('have the same columns per table (derived ones in the same order), with compatible types and nullability', () => {
		const declared = declaredColumns().sqlite;
		for (const [name, table] of sqliteCatalog.tables) {
			const other = postgresCatalog.tables.get(name)!;
			// The derived tables in the same order, as `insert … select *` from the view relies on
			// it; base tables in any order (SQLite appends columns added later, drizzle-kit does not).
			const names = (t: Table) => (DERIVED_TABLES.includes(name) ? t.columns.map((c) => c.name) : t.columns.map((c) => c.name).sort());
			expect({ table: name, columns: names(other) }).toEqual({ table: name, columns: names(table) });
			for (const column of table.columns) {
				const key = `${name}.${column.name}`;
				const counterpart = other.columns.find((c) => c.name === column.name)!;
				expect({ column: key, type: counterpart.type }).toEqual({
					column: key,
					type: expect.toBeOneOf(compatiblePostgresTypes(key, column.type, declared.get(key)))
				});
				expect({ column: key, notNull: counterpart.notNull }).toEqual({ column: key, notNull: column.notNull });
			}
		}
	});

	it('have the same primary keys and foreign keys (columns, target, on delete)', () => {
		for (const [name, table] of sqliteCatalog.tables) {
			const other = postgresCatalog.tables.get(name)!;
			expect({ table: name, primaryKey: other.primaryKey }).toEqual({ table: name, primaryKey: table.primaryKey });
			const byColumns = (fk: ForeignKey) => fk.columns.join(',');
			expect({ table: name, foreignKeys: sorted(other.foreignKeys, byColumns) }).toEqual({ table: name, foreignKeys: sorted(table.foreignKeys, byColumns) });
		}
	});

	it('have the same unique constraints and indexes (names, columns, uniqueness, partial or not)', () => {
		for (const [name, table] of sqliteCatalog.tables) {
			const other = postgresCatalog.tables.get(name)!;
			const byKey = (index: Index) => index.key;
			expect({ table: name, indexes: sorted(other.indexes, byKey) }).toEqual({ table: name, indexes: sorted(table.indexes, byKey) });
		}
	});

	it('keep derived rows by triggers on the same tables', () => {
		const withTriggers = (catalog: Catalog) => [...catalog.tables].filter(([, t]) => t.triggers > 0).map(([name]) => name).sort();
		expect(withTriggers(sqliteCatalog)).toEqual(['attempt_summaries', 'attempts']);
		expect(withTriggers(postgresCatalog)).toEqual(withTriggers(sqliteCatalog));
	});
});
