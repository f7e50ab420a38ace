import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESET_CODE_LIFETIME_MS } from '../auth/password-reset';
import { classStudent, createClass, isEnrolled, joinClassByCode } from '../db/classes';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { recentRemovals, UNDO_WINDOW_MS } from './removals';
import { askToRemove, makeResetCode, putBack, removeFromClass } from './roster-actions';
import { sqliteClient } from '../db/open';

const db = tempDatabase('roster');
await db.insert(users)
	.values([
		{ id: 't', role: 'instructor', username: 't', displayName: 'Ms T' },
		{ id: 'sam', role: 'student', username: 'sam', displayName: 'Sam Stone' },
		{ id: 'kim', role: 'student', username: 'kim', displayName: 'Kim' }
	]);
const klass = await createClass(db, 't', 'Period 1', null);
await joinClassByCode(db, 'sam', klass.joinCode!);
await joinClassByCode(db, 'kim', klass.joinCode!);
await recordAttempt(db, { userId: 'sam', lessonSlug: 'one', questionId: 'q1', contentVersion: 'v1', response: { selected: ['a'] }, earned: 1, total: 1 });
const attemptsOf = (userId: string) => sqliteClient(db).prepare('select count(*) from attempts where user_id = ?').pluck().get(userId);

describe('removing a student: confirm, remove, undo', () => {
	it('asks first, and the asking changes nothing', async () => {
		expect(await askToRemove(db, klass.id, 'sam')).toEqual({ ok: true, result: { at: 'students', confirmRemove: { userId: 'sam', name: 'Sam Stone' } } });
		expect(await isEnrolled(db, klass.id, 'sam')).toBe(true);
		expect(await askToRemove(db, klass.id, 'nobody')).toMatchObject({ ok: false, refusal: { message: 'That student is not in this class.' } });
	});

	it('removes the enrollment only, and puts the student back as they were, answers and join date included', async () => {
		const joined = (await classStudent(db, klass.id, 'sam'))!.joinedAt;
		const now = Date.now();
		const removed = await removeFromClass(db, klass.id, 'sam', now);
		expect(removed).toEqual({
			ok: true,
			result: { at: 'students', removed: { userId: 'sam', name: 'Sam Stone' }, undoUntil: now + UNDO_WINDOW_MS, done: 'Student removed from the class: Sam Stone. Their answers are kept.' }
		});
		expect(await isEnrolled(db, klass.id, 'sam')).toBe(false);
		expect(attemptsOf('sam')).toBe(1);
		expect(recentRemovals(klass.id, now).map((r) => r.name)).toEqual(['Sam Stone']);
		// Removing again: they are not in the class.
		expect(await removeFromClass(db, klass.id, 'sam', now)).toMatchObject({ ok: false });

		expect(await putBack(db, klass.id, 'sam', now + 60_000)).toEqual({
			ok: true,
			result: { at: 'students', restored: { userId: 'sam', name: 'Sam Stone' }, done: 'Sam Stone is back in the class, with all their answers.' }
		});
		expect((await classStudent(db, klass.id, 'sam'))!.joinedAt).toEqual(joined);
		expect(attemptsOf('sam')).toBe(1);
		expect(recentRemovals(klass.id, now)).toEqual([]);
	});

	it('can be undone for a while only, and never enrols someone who was not removed from this class', async () => {
		const now = Date.now();
		await removeFromClass(db, klass.id, 'kim', now);
		expect(await putBack(db, klass.id, 'kim', now + UNDO_WINDOW_MS + 1)).toMatchObject({ ok: false, refusal: { message: expect.stringContaining('can join again with the class code') } });
		expect(await isEnrolled(db, klass.id, 'kim')).toBe(false);
		const other = await createClass(db, 't', 'Period 2', null);
		expect(await putBack(db, other.id, 'sam', now)).toMatchObject({ ok: false });
		expect(await isEnrolled(db, other.id, 'sam')).toBe(false);
	});
});

describe('reset codes', () => {
	it('are made for a student of the class, with the time they stop working', async () => {
		const now = Date.UTC(2026, 11, 1, 9, 30);
		const made = await makeResetCode(db, 't', klass.id, 'sam', now);
		expect(made).toMatchObject({ ok: true, result: { at: 'students', reset: { userId: 'sam', name: 'Sam Stone', username: 'sam', expiresAt: now + RESET_CODE_LIFETIME_MS } } });
		expect(made.ok && 'reset' in made.result && made.result.reset.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		expect(await makeResetCode(db, 't', klass.id, 'kim', now)).toMatchObject({ ok: false, refusal: { message: 'That student is not in this class.' } });
	});
});
