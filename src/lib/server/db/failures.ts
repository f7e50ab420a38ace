// What the app does when the database refuses a write (disk full, read-only file, I/O error):
// the learner is told plainly, nothing is acknowledged, and the server log gets one short line
// per kind of failure (not a stack trace per request), while /healthz reports not-ok.
import Database from 'better-sqlite3';

/** Shown whenever a write did not commit. Never claims that anything was saved. */
export const WRITE_FAILED_MESSAGE = 'We could not save this. Nothing was changed: please try again in a minute.';

/** True for errors raised by SQLite itself (as opposed to bugs in our code). */
export function isDatabaseError(error: unknown): error is InstanceType<typeof Database.SqliteError> {
	return error instanceof Database.SqliteError;
}

/** After a failed write, /healthz stays not-ok this long unless a later write succeeds. */
export const FAILURE_MEMORY_MS = 10_000;
/** One log line per operation and error code at most this often; the rest are counted. */
const LOG_INTERVAL_MS = 10_000;

interface LogState {
	loggedAt: number;
	unlogged: number;
}

let lastFailureAt = 0;
let lastSuccessAt = 0;
const logStates = new Map<string, LogState>();

/**
 * Notes a write that failed and logs it in one line, e.g.
 * `database write failed: answer SQLITE_FULL (database or disk is full)`.
 */
export function reportWriteFailure(operation: string, error: unknown, now = Date.now()): void {
	lastFailureAt = now;
	const code = isDatabaseError(error) ? error.code : 'UNKNOWN';
	const key = `${operation} ${code}`;
	const state = logStates.get(key);
	if (state && now - state.loggedAt < LOG_INTERVAL_MS) {
		state.unlogged++;
		return;
	}
	const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
	const more = state && state.unlogged > 0 ? `; ${state.unlogged} more since the last line` : '';
	console.error(`database write failed: ${key} (${reason}${more})`);
	logStates.set(key, { loggedAt: now, unlogged: 0 });
}

/** Notes a write that committed, which shows the database can write again. */
export function reportWriteSuccess(now = Date.now()): void {
	lastSuccessAt = now;
}

/** Whether a recent write failed with no successful write since. */
export function recentWriteFailure(now = Date.now()): boolean {
	return lastFailureAt > lastSuccessAt && now - lastFailureAt < FAILURE_MEMORY_MS;
}

/** For tests: forget every failure and success seen so far. */
export function resetWriteFailures(): void {
	lastFailureAt = 0;
	lastSuccessAt = 0;
	logStates.clear();
}
