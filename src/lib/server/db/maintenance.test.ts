import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordAttempt } from '../progress/attempts';
import { CHECKPOINT_INTERVAL_MS, CLEANUP_INTERVAL_MS, deleteExpiredRecords, startMaintenance } from './maintenance';
import { openDatabase, type AppDatabase } from './open';
import { passwordResets, sessions, users } from './schema';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1, 12);

function ids(db: AppDatabase, table: typeof users | typeof sessions | typeof passwordResets): string[] {
	return db.select({ id: table.id }).from(table).all().map((row) => row.id).sort();
}

function seed(db: AppDatabase) {
	const user = (id: string, role: 'guest' | 'student' | 'instructor') => db.insert(users).values({ id, role, username: role === 'guest' ? null : id }).run();
	user('guest-answered', 'guest');
	user('guest-with-session', 'guest');
	user('guest-abandoned', 'guest'); // no answers, and its session has expired
	user('guest-never-used', 'guest'); // no answers, no session at all
	user('student', 'student');
	user('teacher', 'instructor');
	recordAttempt(db, { userId: 'guest-answered', lessonSlug: 'l', questionId: 'q', contentVersion: 'v', response: {}, earned: 1, total: 1 });
	const session = (id: string, userId: string, expiresAt: number) => db.insert(sessions).values({ id, userId, expiresAt: new Date(expiresAt) }).run();
	session('live', 'guest-with-session', NOW + HOUR);
	session('expired-guest', 'guest-abandoned', NOW - HOUR);
	session('expired-student', 'student', NOW - 1);
	session('live-student', 'student', NOW + HOUR);
	const reset = (id: string, expiresAt: number, usedAt: number | null) =>
		db.insert(passwordResets).values({ id, userId: 'student', issuedBy: 'teacher', codeHash: id, expiresAt: new Date(expiresAt), usedAt: usedAt === null ? null : new Date(usedAt) }).run();
	reset('unused', NOW + HOUR, null);
	reset('used', NOW + HOUR, NOW - HOUR);
	reset('expired', NOW - 1, null);
}

afterEach(() => {
	vi.useRealTimers();
});

describe('deleteExpiredRecords', () => {
	it('deletes expired sessions, unreachable guests with no answers, and used or expired reset codes', () => {
		const db = openDatabase(':memory:');
		seed(db);
		expect(deleteExpiredRecords(db, NOW)).toEqual({ sessions: 2, guests: 2, resetCodes: 2 });
		expect(ids(db, sessions)).toEqual(['live', 'live-student']);
		expect(ids(db, users)).toEqual(['guest-answered', 'guest-with-session', 'student', 'teacher']);
		expect(ids(db, passwordResets)).toEqual(['unused']);
		// Nothing more to do a second time.
		expect(deleteExpiredRecords(db, NOW)).toEqual({ sessions: 0, guests: 0, resetCodes: 0 });
	});
});

describe('startMaintenance', () => {
	it('cleans up at start and every hour, and checkpoints the WAL regularly', () => {
		vi.useFakeTimers({ now: NOW });
		const db = openDatabase(':memory:');
		const pragma = vi.spyOn(db.$client, 'pragma');
		seed(db);
		const stop = startMaintenance(db);
		expect(ids(db, sessions)).toEqual(['live', 'live-student']);

		db.insert(sessions).values({ id: 'soon', userId: 'student', expiresAt: new Date(NOW + 30 * 60 * 1000) }).run();
		vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS);
		expect(pragma).toHaveBeenCalledWith('wal_checkpoint(PASSIVE)');
		vi.advanceTimersByTime(CLEANUP_INTERVAL_MS);
		expect(ids(db, sessions)).not.toContain('soon');
		stop();
	});
});
