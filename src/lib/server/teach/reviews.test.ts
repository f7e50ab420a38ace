import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { createClass, joinClassByCode } from '../db/classes';
import { openDatabase } from '../db/open';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { nextAfterReview, reviewFilter } from './review-page';
import { queuedAnswer, reviewAnswer, reviewQueue, waitingForReview } from './reviews';

const dir = mkdtempSync(join(tmpdir(), 'review-queue-'));
const db = openDatabase(join(dir, 'app.db'));
let course: Course;
let classId: string;
let otherClassId: string;
const REWRITE = 'l06-rewrite-neutral';
const LATERAL = 'l01-lateral-defapress';
const ids: Record<string, number> = {};

function write(userId: string, questionId: string): number {
	const question = course.questions.get(questionId)!;
	const lessonSlug = course.lessons.find((l) => l.questionIds.includes(questionId))!.slug;
	return recordAttempt(db, { userId, lessonSlug, questionId, contentVersion: question.version, response: { fields: {} }, earned: 0, total: 1 });
}

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'u', role: 'instructor', username: 'u', displayName: 'U' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' },
			{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben' },
			{ id: 'solo', role: 'student', username: 'solo', displayName: 'Solo' },
			{ id: 'zed', role: 'student', username: 'zed', displayName: 'Zed' }
		])
		.run();
	const klass = createClass(db, 't', 'C', null);
	classId = klass.id;
	joinClassByCode(db, 'ana', klass.joinCode!);
	joinClassByCode(db, 'ben', klass.joinCode!);
	const other = createClass(db, 'u', 'D', null);
	otherClassId = other.id;
	joinClassByCode(db, 'zed', other.joinCode!);
	write('ana', REWRITE); // an older answer: only the latest waits
	ids.anaRewrite = write('ana', REWRITE);
	ids.benLateral = write('ben', LATERAL);
	ids.solo = write('solo', REWRITE); // self-study, in no class
	ids.zed = write('zed', REWRITE); // another teacher's class
	// A graded (non-written) answer never joins the queue.
	recordAttempt(db, { userId: 'ana', lessonSlug: 'claims-and-framing', questionId: 'l02-spot-the-claim', contentVersion: course.questions.get('l02-spot-the-claim')!.version, response: { selected: ['a'] }, earned: 1, total: 1 });
});

afterAll(() => {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

const all = { questionId: null, studentId: null, status: 'waiting' as const };

describe('reviewQueue', () => {
	it('holds each class student’s latest written answer, oldest first, and nobody else’s', () => {
		expect(reviewQueue(db, course, classId, all).map((a) => [a.studentName, a.questionId])).toEqual([
			['Ana', REWRITE],
			['Ben', LATERAL]
		]);
		expect(reviewQueue(db, course, classId, all)[0].attemptId).toBe(ids.anaRewrite);
		expect(waitingForReview(db, course, classId)).toBe(2);
	});

	it('filters by question and by student', () => {
		expect(reviewQueue(db, course, classId, { ...all, questionId: LATERAL }).map((a) => a.studentId)).toEqual(['ben']);
		expect(reviewQueue(db, course, classId, { ...all, studentId: 'ana' }).map((a) => a.questionId)).toEqual([REWRITE]);
		expect(reviewQueue(db, course, classId, { ...all, questionId: 'l02-spot-the-claim' })).toEqual([]);
	});

	it('reads the filter from the address, waiting answers by default', () => {
		expect(reviewFilter(new URLSearchParams('question=q&student=s&status=reviewed'))).toEqual({ questionId: 'q', studentId: 's', status: 'reviewed' });
		expect(reviewFilter(new URLSearchParams('status=bogus'))).toEqual(all);
	});
});

describe('reviewAnswer', () => {
	it('refuses answers of students outside the class (another class, self-study) and graded answers', () => {
		for (const attemptId of [ids.zed, ids.solo, 999_999]) {
			expect(reviewAnswer(db, course, classId, 't', attemptId, 1, '')).toMatchObject({ ok: false });
			expect(queuedAnswer(db, course, classId, attemptId)).toBeNull();
		}
		expect(reviewAnswer(db, course, otherClassId, 'u', ids.zed, 1, '')).toMatchObject({ ok: true });
	});

	it('moves an answer from waiting to reviewed, and Save and next goes on to the next one', () => {
		expect(nextAfterReview(db, course, classId, all, ids.anaRewrite)).toBe(ids.benLateral);
		expect(reviewAnswer(db, course, classId, 't', ids.anaRewrite, 2, 'Clear.')).toMatchObject({ ok: true });
		expect(reviewQueue(db, course, classId, all).map((a) => a.attemptId)).toEqual([ids.benLateral]);
		expect(reviewQueue(db, course, classId, { ...all, status: 'reviewed' })).toMatchObject([{ attemptId: ids.anaRewrite, review: { score: 2, comment: 'Clear.' } }]);
		expect(nextAfterReview(db, course, classId, all, ids.benLateral)).toBeNull();
		expect(waitingForReview(db, course, classId)).toBe(1);
	});
});
