// Group commit: answers that arrive together are stored in one commit, each acknowledged only
// once it is stored, and one that cannot be stored fails alone.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDatabase } from '../db/temp-database';
import { attempts, users } from '../db/schema';
import { recordAttemptSoon, type NewAttempt } from './attempts';
import { sqliteClient } from '../db/open';

const db = tempDatabase('attempts');

beforeAll(async () => {
	await db.insert(users).values({ id: 'ana', role: 'guest' });
});

function attempt(questionId: string, userId = 'ana'): NewAttempt {
	return { userId, lessonSlug: 'a-lesson', questionId, contentVersion: 'v1', response: { choice: 'a' }, earned: 1, total: 1 };
}

const storedQuestions = async () => (await db.select({ id: attempts.id, questionId: attempts.questionId }).from(attempts));

describe('recordAttemptSoon', () => {
	it('stores answers that arrive together in one commit, in order, each with its own id', async () => {
		const transaction = vi.spyOn(sqliteClient(db), 'transaction');
		const ids = await Promise.all(['q1', 'q2', 'q3'].map((q) => recordAttemptSoon(db, attempt(q))));
		expect(transaction).toHaveBeenCalledTimes(1);
		transaction.mockRestore();
		expect(ids[1]).toBe(ids[0] + 1);
		expect(ids[2]).toBe(ids[0] + 2);
		expect((await storedQuestions()).filter((row) => ids.includes(row.id)).map((row) => row.questionId)).toEqual(['q1', 'q2', 'q3']);
	});

	it('resolves only once the answer is stored', async () => {
		const pending = recordAttemptSoon(db, attempt('q4'));
		expect((await storedQuestions()).some((row) => row.questionId === 'q4')).toBe(false);
		const id = await pending;
		expect(await storedQuestions()).toContainEqual({ id, questionId: 'q4' });
	});

	it('fails only the answer that cannot be stored, with its own error; the others are stored', async () => {
		const results = await Promise.allSettled([
			recordAttemptSoon(db, attempt('q5')),
			recordAttemptSoon(db, attempt('q6', 'nobody')),
			recordAttemptSoon(db, attempt('q7'))
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
		const questions = (await storedQuestions()).map((row) => row.questionId);
		expect(questions).toContain('q5');
		expect(questions).toContain('q7');
		expect(questions).not.toContain('q6');
	});
});
