// What the app does when the database refuses a write (disk full, read-only file, I/O error):
// the learner is told plainly, nothing is acknowledged, and the server log gets one short line
// per kind of failure (not a stack trace per request), while /healthz reports not-ok.
import Database from 'better-sqlite3';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';

/** Shown whenever a write did not commit. Never claims that anything was saved. */
export const WRITE_FAILED_MESSAGE = 'We could not save this. Nothing was changed: please try again in a minute.';

/** An error from the database or its connection, with its code (SQLITE_FULL, PostgreSQL's SQLSTATE, ECONNREFUSED…). */
export type DatabaseError = Error & { code: string };

/** Network failures on the way to PostgreSQL, and pg's own messages for a lost or unobtainable connection. */
const CONNECTION_CODES = /^E(CONNREFUSED|CONNRESET|HOSTUNREACH|NETUNREACH|PIPE|TIMEDOUT|AI_AGAIN)$/;
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** The driver's error: drizzle wraps PostgreSQL's in a DrizzleQueryError that keeps it as its cause. */
export function driverError(error: unknown): unknown {
	return error instanceof DrizzleQueryError && error.cause ? error.cause : error;
}

/**
 * PostgreSQL errors that say the database cannot do its work (SQLSTATE classes): connection
 * (08), a transaction to retry (40), out of resources (53), the server shutting down or a
 * statement cancelled (57), system or internal errors (58, XX), a read-only server (25006).
 * Others (bad input, a broken constraint) are about the request, not the database's health.
 */
const POSTGRES_FAILURE_CODES = /^(08|40|53|57|58|XX)|^25006$/;

/**
 * The database's error behind `error` if there is one: SQLite's, PostgreSQL's own failure, or a
 * failed connection to PostgreSQL (as opposed to bugs in our code or bad input).
 */
export function databaseError(error: unknown): DatabaseError | null {
	const cause = driverError(error);
	if (cause instanceof Database.SqliteError) return cause as DatabaseError;
	if (cause instanceof pg.DatabaseError) return POSTGRES_FAILURE_CODES.test(cause.code ?? '') ? (cause as DatabaseError) : null;
	if (!(cause instanceof Error)) return null;
	const code = (cause as { code?: unknown }).code;
	if (typeof code === 'string' && CONNECTION_CODES.test(code)) return cause as DatabaseError;
	if (CONNECTION_MESSAGES.test(cause.message)) return Object.assign(cause, { code: 'CONNECTION' });
	return null;
}

export function isDatabaseError(error: unknown): boolean {
	return databaseError(error) !== null;
}

/** A write refused because a unique key already has that value (two sign-ups racing for a name). */
export function isUniqueViolation(error: unknown): boolean {
	const code = (driverError(error) as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
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
	const cause = databaseError(error);
	const key = `${operation} ${cause?.code ?? 'UNKNOWN'}`;
	const state = logStates.get(key);
	if (state && now - state.loggedAt < LOG_INTERVAL_MS) {
		state.unlogged++;
		return;
	}
	const source = cause ?? error;
	const reason = source instanceof Error ? source.message.split('\n')[0] : String(error);
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
