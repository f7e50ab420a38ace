// Housekeeping that keeps the database from growing without bound: a regular passive WAL
// checkpoint (besides SQLite's automatic one, which only runs after a write completes), and an
// hourly sweep of rows nobody can use any more.
import { and, eq, isNotNull, lte, notExists, or } from 'drizzle-orm';
import { isDatabaseError, reportWriteFailure } from './failures';
import { DIALECT } from './dialect';
import { sqliteClient, type AppDatabase } from './open';
import { attempts, passwordResets, sessions, users } from './schema';
import { rowsChanged } from './results';
import { transaction } from './transaction';

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
export async function deleteExpiredRecords(db: AppDatabase, now = Date.now()): Promise<Deleted> {
	const at = new Date(now);
	return await transaction(db, async (tx) => {
		const expiredSessions = rowsChanged(await tx.delete(sessions).where(lte(sessions.expiresAt, at)));
		const guests = rowsChanged(await tx
			.delete(users)
			.where(
				and(
					eq(users.role, 'guest'),
					notExists(tx.select({ id: attempts.id }).from(attempts).where(eq(attempts.userId, users.id))),
					notExists(tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, users.id)))
				)
			)
			);
		const resetCodes = rowsChanged(await tx
			.delete(passwordResets)
			.where(or(isNotNull(passwordResets.usedAt), lte(passwordResets.expiresAt, at)))
			);
		return { sessions: expiredSessions, guests, resetCodes };
	});
}

/** Copies what it can of the WAL into the database without waiting for readers or writers (SQLite only). */
export function passiveCheckpoint(db: AppDatabase): void {
	sqliteClient(db).pragma('wal_checkpoint(PASSIVE)');
}

/** Runs `task`, logging a database failure in one line instead of crashing the server. */
async function guarded(operation: string, task: () => unknown): Promise<void> {
	try {
		await task();
	} catch (error) {
		if (!isDatabaseError(error)) throw error;
		reportWriteFailure(operation, error);
	}
}

/** Starts the checkpoint and cleanup timers (they never keep the process alive); returns a stop. */
export async function startMaintenance(db: AppDatabase): Promise<() => void> {
	await guarded('cleanup', () => deleteExpiredRecords(db));
	// PostgreSQL checkpoints by itself; SQLite's WAL is copied back here.
	const checkpoint = DIALECT === 'sqlite' ? setInterval(() => void guarded('checkpoint', () => passiveCheckpoint(db)), CHECKPOINT_INTERVAL_MS) : undefined;
	const cleanup = setInterval(() => void guarded('cleanup', () => deleteExpiredRecords(db)), CLEANUP_INTERVAL_MS);
	checkpoint?.unref();
	cleanup.unref();
	return () => {
		clearInterval(checkpoint);
		clearInterval(cleanup);
	};
}
