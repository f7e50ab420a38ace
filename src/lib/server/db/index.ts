import { sql } from 'drizzle-orm';
import { openDatabase, type AppDatabase } from './open';

let instance: AppDatabase | undefined;

/** The app's one database connection, opened (and migrated) on first use. */
export function getDb(): AppDatabase {
	instance ??= openDatabase();
	return instance;
}

/** True when the database answers a trivial query. */
export function databaseIsHealthy(): boolean {
	try {
		return getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
	} catch {
		return false;
	}
}
