import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordAttempt } from '../progress/attempts';
import { CHECKPOINT_INTERVAL_MS, CLEANUP_INTERVAL_MS, deleteExpiredRecords, startMaintenance } from './maintenance';
import { sqliteClient, openDatabase, type AppDatabase } from './open';
import { passwordResets, sessions, users } from './schema';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1, 12);

async function ids(db: AppDatabase, table: typeof users | typeof sessions | typeof passwordResets): Promise<string[]> {
	return (await db.select({ id: table.id }).from(table)).map((row) => row.id).sort();
}

async function seed(db: AppDatabase) {
	const user = (id: string, role: 'guest' | 'student' | 'instructor') => db.insert(users).values({ id, role, username: role === 'guest' ? null : id });
	await user('guest-answered', 'guest');
	await user('guest-with-session', 'guest');
	await user('guest-abandoned', 'guest'); // no answers, and its session has expired
	await user('guest-never-used', 'guest'); // no answers, no session at all
	await user('student', 'student');
	await user('teacher', 'instructor');
	await recordAttempt(db, { userId: 'guest-answered', lessonSlug: 'l', questionId: 'q', contentVersion: 'v', response: {}, earned: 1, total: 1 });
	const session = (id: string, userId: string, expiresAt: number) => db.insert(sessions).values({ id, userId, expiresAt: new Date(expiresAt) });
	await session('live', 'guest-with-session', NOW + HOUR);
	await session('expired-guest', 'guest-abandoned', NOW - HOUR);
	await session('expired-student', 'student', NOW - 1);
	await session('live-student', 'student', NOW + HOUR);
	const reset = (id: string, expiresAt: number, usedAt: number | null) =>
		db.insert(passwordResets).values({ id, userId: 'student', issuedBy: 'teacher', codeHash: id, expiresAt: new Date(expiresAt), usedAt: usedAt === null ? null : new Date(usedAt) });
	await reset('unused', NOW + HOUR, null);
	await reset('used', NOW + HOUR, NOW - HOUR);
	await reset('expired', NOW - 1, null);
}

afterEach(async () => {
	vi.useRealTimers();
});

describe('deleteExpiredRecords', () => {
	it('deletes expired sessions, unreachable guests with no answers, and used or expired reset codes', async () => {
		const db = openDatabase(':memory:');
		await seed(db);
		expect(await deleteExpiredRecords(db, NOW)).toEqual({ sessions: 2, guests: 2, resetCodes: 2 });
		expect(await ids(db, sessions)).toEqual(['live', 'live-student']);
		expect(await ids(db, users)).toEqual(['guest-answered', 'guest-with-session', 'student', 'teacher']);
		expect(await ids(db, passwordResets)).toEqual(['unused']);
		// Nothing more to do a second time.
		expect(await deleteExpiredRecords(db, NOW)).toEqual({ sessions: 0, guests: 0, resetCodes: 0 });
	});
});

describe('startMaintenance', () => {
	it('cleans up at start and every hour, and checkpoints the WAL regularly', async () => {
		vi.useFakeTimers({ now: NOW });
		const db = openDatabase(':memory:');
		const pragma = vi.spyOn(sqliteClient(db), 'pragma');
		await seed(db);
		const stop = await startMaintenance(db);
		expect(await ids(db, sessions)).toEqual(['live', 'live-student']);

		await db.insert(sessions).values({ id: 'soon', userId: 'student', expiresAt: new Date(NOW + 30 * 60 * 1000) });
		await vi.advanceTimersByTimeAsync(CHECKPOINT_INTERVAL_MS);
		expect(pragma).toHaveBeenCalledWith('wal_checkpoint(PASSIVE)');
		await vi.advanceTimersByTimeAsync(CLEANUP_INTERVAL_MS);
		expect(await ids(db, sessions)).not.toContain('soon');
		stop();
	});
});
