import Database from 'better-sqlite3';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	FAILURE_MEMORY_MS,
	isDatabaseError,
	isUniqueViolation,
	recentWriteFailure,
	reportWriteFailure,
	reportWriteSuccess,
	resetWriteFailures
} from './failures';

const diskFull = () => new Database.SqliteError('database or disk is full', 'SQLITE_FULL');

afterEach(() => {
	resetWriteFailures();
	vi.restoreAllMocks();
});

describe('database failures', () => {
	it("tell SQLite's errors from the rest", () => {
		expect(isDatabaseError(diskFull())).toBe(true);
		expect(isDatabaseError(new Error('a bug'))).toBe(false);
	});

	it('are logged in one line per operation and code, the repeats counted in the next line', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		reportWriteFailure('answer', diskFull(), 1_000);
		reportWriteFailure('answer', diskFull(), 2_000);
		reportWriteFailure('answer', diskFull(), 3_000);
		reportWriteFailure('sign-up', diskFull(), 3_000);
		reportWriteFailure('answer', diskFull(), 20_000);
		expect(log.mock.calls.map((call) => call.join(' '))).toEqual([
			'database write failed: answer SQLITE_FULL (database or disk is full)',
			'database write failed: sign-up SQLITE_FULL (database or disk is full)',
			'database write failed: answer SQLITE_FULL (database or disk is full; 2 more since the last line)'
		]);
	});

	it('count as recent until a write succeeds or the memory runs out', () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(recentWriteFailure(1_000)).toBe(false);
		reportWriteFailure('answer', diskFull(), 1_000);
		expect(recentWriteFailure(1_001)).toBe(true);
		expect(recentWriteFailure(1_000 + FAILURE_MEMORY_MS)).toBe(false);
		reportWriteFailure('answer', diskFull(), 5_000);
		reportWriteSuccess(5_500);
		expect(recentWriteFailure(5_600)).toBe(false);
	});
});

describe("PostgreSQL's errors", () => {
	const postgresError = (code: string) => Object.assign(new pg.DatabaseError('server said no', 0, 'error'), { code });

	it('count as failures of the database only when it cannot do its work, wrapped by drizzle or not', () => {
		for (const code of ['08006', '57P01', '53300', '40001', 'XX000', '25006']) {
			expect(isDatabaseError(postgresError(code)), code).toBe(true);
			expect(isDatabaseError(new DrizzleQueryError('select 1', [], postgresError(code))), code).toBe(true);
		}
		expect(isDatabaseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
	});

	it('not for what a request sent (a NUL in text, a number out of range, a duplicate name)', () => {
		for (const code of ['22021', '22003', '22P02', '23505']) expect(isDatabaseError(postgresError(code)), code).toBe(false);
		expect(isUniqueViolation(new DrizzleQueryError('insert', [], postgresError('23505')))).toBe(true);
		expect(isUniqueViolation(postgresError('22021'))).toBe(false);
	});
});
