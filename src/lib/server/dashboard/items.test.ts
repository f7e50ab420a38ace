import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { createClass, joinClassByCode } from '../db/classes';
import { openDatabase } from '../db/open';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { itemAnalysis, itemDetail } from './items';

const dir = mkdtempSync(join(tmpdir(), 'course-items-'));
const db = openDatabase(join(dir, 'app.db'));
let course: Course;
let classId: string;
let questionId: string;

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' },
			{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben' }
		])
		.run();
	const klass = createClass(db, 't', 'C', null);
	classId = klass.id;
	joinClassByCode(db, 'ana', klass.joinCode!);
	joinClassByCode(db, 'ben', klass.joinCode!);
	questionId = [...course.questions.keys()].find((id) => course.questions.get(id)!.type === 'choice')!;
});

afterAll(() => {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

function answer(userId: string, earned: number, option: string) {
	const question = course.questions.get(questionId)!;
	const lessonSlug = course.lessons.find((l) => l.questionIds.includes(questionId))!.slug;
	recordAttempt(db, { userId, lessonSlug, questionId, contentVersion: question.version, response: { selected: [option] }, earned, total: 1 });
}

describe('itemAnalysis', () => {
	it('is worked out again only when a first attempt changes', () => {
		itemAnalysis(db, course, classId); // syncs course_questions before the first answers
		answer('ana', 1, 'a');
		const first = itemAnalysis(db, course, classId);
		expect(first.find((i) => i.itemId === questionId)).toMatchObject({ attempts: 1, facility: 100 });
		expect(itemAnalysis(db, course, classId)).toBe(first); // nothing new: the stored analysis

		answer('ana', 0, 'b'); // a retry is not a first attempt: still the same statistics
		expect(itemAnalysis(db, course, classId)).toBe(first);

		answer('ben', 0, 'b'); // a new first attempt
		const second = itemAnalysis(db, course, classId);
		expect(second).not.toBe(first);
		expect(second.find((i) => i.itemId === questionId)).toMatchObject({ attempts: 2, facility: 50 });
	});

	it('gives one question’s detail: what each student chose first', () => {
		const detail = itemDetail(db, course, classId, questionId)!;
		expect(detail.attempts).toBe(2);
		const counts = detail.groups.flatMap((g) => g.rows.map((r) => r.count));
		expect(counts.reduce((a, b) => a + b, 0)).toBe(2); // ana's first (a) and ben's first (b)
		expect(itemDetail(db, course, classId, 'no-such-question')).toBeNull();
	});
});
