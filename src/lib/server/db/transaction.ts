import type Database from 'better-sqlite3';
import { sql, type SQLWrapper } from 'drizzle-orm';
import { DIALECT } from './dialect';
import { sqliteClient, type AppDatabase, type Transaction } from './open';

/**
 * Runs `body` in one transaction: all of its writes commit together, or none do (the error is
 * rethrown). The same code runs on both databases.
 *
 * The body must await nothing but database calls. On PostgreSQL it gets its own connection
 * from the pool. On SQLite (one connection, whose calls complete at once) drizzle has no
 * asynchronous transactions, so this one is BEGIN IMMEDIATE … COMMIT on the connection, one
 * at a time: with only database work in the body, it runs start to end before any timer,
 * network event or batched answer write can run between its BEGIN and its COMMIT (a check
 * below enforces that). Code of another request already running in the same turn could still
 * slip a statement in: the bodies keep their reads and writes few and do not throw on purpose.
 *
 * PostgreSQL runs transactions side by side (READ COMMITTED): a body that decides from what it
 * read (a count, the next number) takes its turn with lockRow first.
 */
export async function transaction<T>(db: AppDatabase, body: (tx: Transaction) => Promise<T>): Promise<T> {
	if (DIALECT === 'postgres') return db.transaction(body);
	return await sqliteTransaction(sqliteClient(db), () => body(db as unknown as Transaction));
}

const turns = new WeakMap<Database.Database, Promise<unknown>>();

async function sqliteTransaction<T>(client: Database.Database, body: () => Promise<T>): Promise<T> {
	const previous = turns.get(client) ?? Promise.resolve();
	const run = previous.then(async () => {
		let otherWorkRan = false;
		const probe = setImmediate(() => (otherWorkRan = true));
		client.exec('BEGIN IMMEDIATE');
		try {
			const result = await body();
			if (otherWorkRan) throw new Error('A transaction body awaited something other than the database (see db/transaction.ts).');
			client.exec('COMMIT');
			return result;
		} catch (error) {
			if (client.inTransaction) client.exec('ROLLBACK');
			throw error;
		} finally {
			clearImmediate(probe);
		}
	});
	turns.set(client, run.catch(() => undefined));
	return run;
}

/**
 * Holds the row `id` of `table` until the transaction ends, so that transactions deciding from
 * the same parent row (how many texts a class has, a text's next version number) take turns on
 * PostgreSQL. On SQLite every transaction already waits its turn (BEGIN IMMEDIATE).
 */
export async function lockRow(tx: Transaction, table: SQLWrapper, idColumn: SQLWrapper, id: string | number): Promise<void> {
	if (DIALECT === 'postgres') await tx.execute(sql`select 1 from ${table} where ${idColumn} = ${id} for update`);
}
