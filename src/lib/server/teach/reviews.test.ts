import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { createClass, joinClassByCode } from '../db/classes';
import { sqliteClient, openDatabase } from '../db/open';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { attemptIdFrom, nextAfterReview, reviewFilter } from './review-page';
import { queuedAnswer, reviewAnswer, reviewQueue, waitingForReview } from './reviews';

const dir = mkdtempSync(join(tmpdir(), 'review-queue-'));
const db = openDatabase(join(dir, 'app.db'));
let course: Course;
let classId: string;
let otherClassId: string;
const REWRITE = 'l06-rewrite-neutral';
const LATERAL = 'l01-lateral-defapress';
const ids: Record<string, number> = {};

async function write(userId: string, questionId: string): Promise<number> {
	const question = course.questions.get(questionId)!;
	const lessonSlug = course.lessons.find((l) => l.questionIds.includes(questionId))!.slug;
	return await recordAttempt(db, { userId, lessonSlug, questionId, contentVersion: question.version, response: { fields: {} }, earned: 0, total: 1 });
}

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	await db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'u', role: 'instructor', username: 'u', displayName: 'U' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' },
			{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben' },
			{ id: 'solo', role: 'student', username: 'solo', displayName: 'Solo' },
			{ id: 'zed', role: 'student', username: 'zed', displayName: 'Zed' }
		]);
	const klass = await createClass(db, 't', 'C', null);
	classId = klass.id;
	await joinClassByCode(db, 'ana', klass.joinCode!);
	await joinClassByCode(db, 'ben', klass.joinCode!);
	const other = await createClass(db, 'u', 'D', null);
	otherClassId = other.id;
	await joinClassByCode(db, 'zed', other.joinCode!);
	await write('ana', REWRITE); // an older answer: only the latest waits
	ids.anaRewrite = await write('ana', REWRITE);
	ids.benLateral = await write('ben', LATERAL);
	ids.solo = await write('solo', REWRITE); // self-study, in no class
	ids.zed = await write('zed', REWRITE); // another teacher's class
	// A graded (non-written) answer never joins the queue.
	await recordAttempt(db, { userId: 'ana', lessonSlug: 'claims-and-framing', questionId: 'l02-spot-the-claim', contentVersion: course.questions.get('l02-spot-the-claim')!.version, response: { selected: ['a'] }, earned: 1, total: 1 });
});

afterAll(() => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

const all = { questionId: null, studentId: null, status: 'waiting' as const };

describe('reviewQueue', () => {
	it('holds each class student’s latest written answer, oldest first, and nobody else’s', async () => {
		expect((await reviewQueue(db, course, classId, all)).map((a) => [a.studentName, a.questionId])).toEqual([
			['Ana', REWRITE],
			['Ben', LATERAL]
		]);
		expect((await reviewQueue(db, course, classId, all))[0].attemptId).toBe(ids.anaRewrite);
		expect(await waitingForReview(db, course, classId)).toBe(2);
	});

	it('filters by question and by student', async () => {
		expect((await reviewQueue(db, course, classId, { ...all, questionId: LATERAL })).map((a) => a.studentId)).toEqual(['ben']);
		expect((await reviewQueue(db, course, classId, { ...all, studentId: 'ana' })).map((a) => a.questionId)).toEqual([REWRITE]);
		expect(await reviewQueue(db, course, classId, { ...all, questionId: 'l02-spot-the-claim' })).toEqual([]);
	});

	it('reads the filter from the address, waiting answers by default', () => {
		expect(reviewFilter(new URLSearchParams('question=q&student=s&status=reviewed'))).toEqual({ questionId: 'q', studentId: 's', status: 'reviewed' });
		expect(reviewFilter(new URLSearchParams('status=bogus'))).toEqual(all);
	});
});

describe('reviewAnswer', () => {
	it('refuses answers of students outside the class (another class, self-study) and graded answers', async () => {
		for (const attemptId of [ids.zed, ids.solo, 999_999]) {
			expect(await reviewAnswer(db, course, classId, 't', attemptId, 1, '')).toMatchObject({ ok: false });
			expect(await queuedAnswer(db, course, classId, attemptId)).toBeNull();
		}
		expect(await reviewAnswer(db, course, otherClassId, 'u', ids.zed, 1, '')).toMatchObject({ ok: true });
	});

	it('moves an answer from waiting to reviewed, and Save and next goes on to the next one', async () => {
		expect(await nextAfterReview(db, course, classId, all, ids.anaRewrite)).toBe(ids.benLateral);
		expect(await reviewAnswer(db, course, classId, 't', ids.anaRewrite, 2, 'Clear.')).toMatchObject({ ok: true });
		expect((await reviewQueue(db, course, classId, all)).map((a) => a.attemptId)).toEqual([ids.benLateral]);
		expect(await reviewQueue(db, course, classId, { ...all, status: 'reviewed' })).toMatchObject([{ attemptId: ids.anaRewrite, review: { score: 2, comment: 'Clear.' } }]);
		expect(await nextAfterReview(db, course, classId, all, ids.benLateral)).toBeNull();
		expect(await waitingForReview(db, course, classId)).toBe(1);
	});
});

describe('attemptIdFrom', () => {
	it('reads a whole number of at most 15 digits, and gives 0 for anything else', () => {
		expect(attemptIdFrom('42')).toBe(42);
		for (const text of [null, '', '1.5', 'NaN', '1e20', '-3', '1234567890123456']) expect(attemptIdFrom(text), String(text)).toBe(0);
	});
});
