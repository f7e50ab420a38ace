import { healthChecks } from './schema';
import { DIALECT } from './dialect';
import { recentWriteFailure } from './failures';
import { openDatabase, type AppDatabase } from './open';
import { openPostgres } from './open-postgres';

let instance: AppDatabase | undefined;

/**
 * Opens the configured database (applying migrations) once; the server calls it at start.
 * SQLite opens on first use too, so scripts and tests may call getDb() straight away.
 */
export async function openConfiguredDatabase(): Promise<AppDatabase> {
	instance ??= DIALECT === 'postgres' ? await openPostgres(process.env.DATABASE_URL!.trim()) : openDatabase();
	return instance;
}

/** The app's one database (a connection pool on PostgreSQL), opened at start. */
export function getDb(): AppDatabase {
	if (!instance && DIALECT === 'postgres') throw new Error('The PostgreSQL database is opened at start: open it with openConfiguredDatabase first.');
	instance ??= openDatabase();
	return instance;
}

/**
 * True when the database can write: a one-row write commits, and no real write has failed in
 * the last few seconds (a full disk may still take the small write while refusing answers).
 */
export async function databaseIsHealthy(): Promise<boolean> {
	try {
		await getDb()
			.insert(healthChecks)
			.values({ id: 1, checkedAt: new Date() })
			.onConflictDoUpdate({ target: healthChecks.id, set: { checkedAt: new Date() } });
	} catch {
		return false;
	}
	return !recentWriteFailure();
}
