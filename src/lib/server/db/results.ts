import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { DIALECT } from './dialect';
import type { Queryable } from './open';

/**
 * The same answers from both databases' drivers: what a write changed, the first row of a
 * query, and raw SQL run on either. (SQLite's driver reports `changes`, PostgreSQL's `rowCount`.)
 */
export function rowsChanged(result: { rowCount?: number | null } | { changes: number }): number {
	return 'changes' in result ? result.changes : (result.rowCount ?? 0);
}

/** The first row of a query, or undefined: what SQLite's `.get()` gave, on both databases. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
	return (await rows)[0];
}

/** The rows of a raw SQL query (column names as the query gives them). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
	if (DIALECT === 'postgres') return (await db.execute(query)).rows as T[];
	return (db as unknown as BetterSQLite3Database).all<T>(query);
}

/** Runs a raw SQL statement to its end. */
export async function executeSql(db: Queryable, query: SQL): Promise<void> {
	if (DIALECT === 'postgres') await db.execute(query);
	else (db as unknown as BetterSQLite3Database).run(query);
}

/** `expression` is one of `values`, in raw SQL: one parameter on either database, however many values. */
export function inValues(expression: SQL, values: (string | number)[]): SQL {
	return DIALECT === 'postgres'
		? sql`${expression} = any(${sql.param(values)})`
		: sql`${expression} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * `column` is in the list given as the placeholder `name`, for a prepared statement: a JSON array
 * on SQLite, an array on PostgreSQL (pass the list through listParameter). One statement then
 * serves any number of values.
 */
export function inList(column: SQLWrapper, name: string): SQL {
	return DIALECT === 'postgres'
		? sql`${column} = any(${sql.placeholder(name)})`
		: sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** A list as inList's placeholder takes it. */
export function listParameter(list: (string | number)[]): string | (string | number)[] {
	return DIALECT === 'postgres' ? list : JSON.stringify(list);
}

/**
 * Statements prepared once per database (or transaction) by `prepare`, then reused: building a
 * drizzle query and compiling its SQL on every request costs more than running it.
 */
export function preparedPerDatabase<D extends object, T>(prepare: (db: D) => T): (db: D) => T {
	const prepared = new WeakMap<D, T>();
	return (db) => {
		let statements = prepared.get(db);
		if (!statements) prepared.set(db, (statements = prepare(db)));
		return statements;
	};
}

/** A point in time as milliseconds since the epoch, in raw SQL (SQLite stores them so; PostgreSQL has timestamps). */
export function epochMs(column: SQL): SQL {
	return DIALECT === 'postgres' ? sql`(extract(epoch from ${column}) * 1000)::float8` : column;
}
