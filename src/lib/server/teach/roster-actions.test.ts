import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESET_CODE_LIFETIME_MS } from '../auth/password-reset';
import { classStudent, createClass, isEnrolled, joinClassByCode } from '../db/classes';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { recentRemovals, UNDO_WINDOW_MS } from './removals';
import { askToRemove, makeResetCode, putBack, removeFromClass } from './roster-actions';

const db = tempDatabase('roster');
db.insert(users)
	.values([
		{ id: 't', role: 'instructor', username: 't', displayName: 'Ms T' },
		{ id: 'sam', role: 'student', username: 'sam', displayName: 'Sam Stone' },
		{ id: 'kim', role: 'student', username: 'kim', displayName: 'Kim' }
	])
	.run();
const klass = createClass(db, 't', 'Period 1', null);
joinClassByCode(db, 'sam', klass.joinCode!);
joinClassByCode(db, 'kim', klass.joinCode!);
recordAttempt(db, { userId: 'sam', lessonSlug: 'one', questionId: 'q1', contentVersion: 'v1', response: { selected: ['a'] }, earned: 1, total: 1 });
const attemptsOf = (userId: string) => db.$client.prepare('select count(*) from attempts where user_id = ?').pluck().get(userId);

describe('removing a student: confirm, remove, undo', () => {
	it('asks first, and the asking changes nothing', () => {
		expect(askToRemove(db, klass.id, 'sam')).toEqual({ ok: true, result: { at: 'students', confirmRemove: { userId: 'sam', name: 'Sam Stone' } } });
		expect(isEnrolled(db, klass.id, 'sam')).toBe(true);
		expect(askToRemove(db, klass.id, 'nobody')).toMatchObject({ ok: false, refusal: { message: 'That student is not in this class.' } });
	});

	it('removes the enrollment only, and puts the student back as they were, answers and join date included', () => {
		const joined = classStudent(db, klass.id, 'sam')!.joinedAt;
		const now = Date.now();
		const removed = removeFromClass(db, klass.id, 'sam', now);
		expect(removed).toEqual({
			ok: true,
			result: { at: 'students', removed: { userId: 'sam', name: 'Sam Stone' }, undoUntil: now + UNDO_WINDOW_MS, done: 'Student removed from the class: Sam Stone. Their answers are kept.' }
		});
		expect(isEnrolled(db, klass.id, 'sam')).toBe(false);
		expect(attemptsOf('sam')).toBe(1);
		expect(recentRemovals(klass.id, now).map((r) => r.name)).toEqual(['Sam Stone']);
		// Removing again: they are not in the class.
		expect(removeFromClass(db, klass.id, 'sam', now)).toMatchObject({ ok: false });

		expect(putBack(db, klass.id, 'sam', now + 60_000)).toEqual({
			ok: true,
			result: { at: 'students', restored: { userId: 'sam', name: 'Sam Stone' }, done: 'Sam Stone is back in the class, with all their answers.' }
		});
		expect(classStudent(db, klass.id, 'sam')!.joinedAt).toEqual(joined);
		expect(attemptsOf('sam')).toBe(1);
		expect(recentRemovals(klass.id, now)).toEqual([]);
	});

	it('can be undone for a while only, and never enrols someone who was not removed from this class', () => {
		const now = Date.now();
		removeFromClass(db, klass.id, 'kim', now);
		expect(putBack(db, klass.id, 'kim', now + UNDO_WINDOW_MS + 1)).toMatchObject({ ok: false, refusal: { message: expect.stringContaining('can join again with the class code') } });
		expect(isEnrolled(db, klass.id, 'kim')).toBe(false);
		const other = createClass(db, 't', 'Period 2', null);
		expect(putBack(db, other.id, 'sam', now)).toMatchObject({ ok: false });
		expect(isEnrolled(db, other.id, 'sam')).toBe(false);
	});
});

describe('reset codes', () => {
	it('are made for a student of the class, with the time they stop working', () => {
		const now = Date.UTC(2026, 11, 1, 9, 30);
		const made = makeResetCode(db, 't', klass.id, 'sam', now);
		expect(made).toMatchObject({ ok: true, result: { at: 'students', reset: { userId: 'sam', name: 'Sam Stone', username: 'sam', expiresAt: now + RESET_CODE_LIFETIME_MS } } });
		expect(made.ok && 'reset' in made.result && made.result.reset.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		expect(makeResetCode(db, 't', klass.id, 'kim', now)).toMatchObject({ ok: false, refusal: { message: 'That student is not in this class.' } });
	});
});
