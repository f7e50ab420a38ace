import { healthChecks } from './schema';
import { recentWriteFailure } from './failures';
import { openDatabase, type AppDatabase } from './open';

let instance: AppDatabase | undefined;

/** The app's one database connection, opened (and migrated) on first use. */
export function getDb(): AppDatabase {
	instance ??= openDatabase();
	return instance;
}

/**
 * True when the database can write: a one-row write commits, and no real write has failed in
 * the last few seconds (a full disk may still take the small write while refusing answers).
 */
export function databaseIsHealthy(): boolean {
	try {
		getDb()
			.insert(healthChecks)
			.values({ id: 1, checkedAt: new Date() })
			.onConflictDoUpdate({ target: healthChecks.id, set: { checkedAt: new Date() } })
			.run();
	} catch {
		return false;
	}
	return !recentWriteFailure();
}
