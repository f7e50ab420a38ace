// Housekeeping that keeps the database from growing without bound: a regular passive WAL
// checkpoint (besides SQLite's automatic one, which only runs after a write completes), and an
// hourly sweep of rows nobody can use any more.
import { and, eq, isNotNull, lte, notExists, or } from 'drizzle-orm';
import { isDatabaseError, reportWriteFailure } from './failures';
import type { AppDatabase } from './open';
import { attempts, passwordResets, sessions, users } from './schema';

export const CHECKPOINT_INTERVAL_MS = 10_000;
export const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

export interface Deleted {
	sessions: number;
	guests: number;
	resetCodes: number;
}

/**
 * Deletes expired sessions, guests with no answers and no session (nobody can reach them), and
 * reset codes that were used or have expired. Returns how many of each went.
 */
export function deleteExpiredRecords(db: AppDatabase, now = Date.now()): Deleted {
	const at = new Date(now);
	return db.transaction((tx) => {
		const expiredSessions = tx.delete(sessions).where(lte(sessions.expiresAt, at)).run().changes;
		const guests = tx
			.delete(users)
			.where(
				and(
					eq(users.role, 'guest'),
					notExists(tx.select({ id: attempts.id }).from(attempts).where(eq(attempts.userId, users.id))),
					notExists(tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, users.id)))
				)
			)
			.run().changes;
		const resetCodes = tx
			.delete(passwordResets)
			.where(or(isNotNull(passwordResets.usedAt), lte(passwordResets.expiresAt, at)))
			.run().changes;
		return { sessions: expiredSessions, guests, resetCodes };
	});
}

/** Copies what it can of the WAL into the database without waiting for readers or writers. */
export function passiveCheckpoint(db: AppDatabase): void {
	db.$client.pragma('wal_checkpoint(PASSIVE)');
}

/** Runs `task`, logging a database failure in one line instead of crashing the server. */
function guarded(operation: string, task: () => void): void {
	try {
		task();
	} catch (error) {
		if (!isDatabaseError(error)) throw error;
		reportWriteFailure(operation, error);
	}
}

/** Starts the checkpoint and cleanup timers (they never keep the process alive); returns a stop. */
export function startMaintenance(db: AppDatabase): () => void {
	guarded('cleanup', () => deleteExpiredRecords(db));
	const checkpoint = setInterval(() => guarded('checkpoint', () => passiveCheckpoint(db)), CHECKPOINT_INTERVAL_MS);
	const cleanup = setInterval(() => guarded('cleanup', () => deleteExpiredRecords(db)), CLEANUP_INTERVAL_MS);
	checkpoint.unref();
	cleanup.unref();
	return () => {
		clearInterval(checkpoint);
		clearInterval(cleanup);
	};
}
