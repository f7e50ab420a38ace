import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { syncDashboardSummaries } from './summaries';
import { groupByLesson, studentSummary } from './student';
import { sqliteClient } from '../db/open';

const db = tempDatabase('student');

let course: Course;
function answer(questionId: string, earned: number, at: number) {
	const lesson = course.lessons.find((l) => l.questionIds.includes(questionId))!;
	sqliteClient(db)
		.prepare(
			`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, created_at, neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 values ('ana', ?, ?, ?, '{}', ?, 1, ?, 0, 0, 0, 0)`
		)
		.run(lesson.slug, questionId, course.questions.get(questionId)!.version, earned, at);
}

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	await syncDashboardSummaries(db, course);
	await db.insert(users).values({ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' });
});

describe('studentSummary', () => {
	it('gives each lesson its score on what was done, the answers given (retries too) and the last one’s time', async () => {
		const [one, two] = course.lessons.filter((l) => !l.diagnostic && l.questionIds.length >= 2);
		answer(one.questionIds[0], 0, 1_000);
		answer(one.questionIds[0], 1, 2_000); // a retry: the latest counts for the score
		answer(one.questionIds[1], 0.5, 3_000);
		answer(two.questionIds[0], 0.25, 4_000);
		const summary = await studentSummary(db, course, 'ana');
		const line = (slug: string) => summary.lessons.find((l) => l.slug === slug)!;
		expect(line(one.slug)).toMatchObject({ answered: 2, questions: one.questionIds.length, doneScore: 0.75, attempts: 3, lastAt: 3_000, shortTitle: one.title });
		expect(line(two.slug)).toMatchObject({ answered: 1, doneScore: 0.25, attempts: 1, lastAt: 4_000 });
		expect(summary.lessons.filter((l) => l.attempts === 0).every((l) => l.doneScore === null && l.lastAt === null)).toBe(true);
		expect(summary.answered).toBe(3);
		expect(summary.doneScore).toBeCloseTo(1.75 / 3, 9); // shares are settled to nine decimals
		expect(summary.completed).toBeCloseTo(3 / summary.questions, 12);
		expect(summary.lessons.map((l) => l.slug)).toEqual(course.lessons.map((l) => l.slug));
	});
});

describe('groupByLesson', () => {
	it('groups answers by lesson, the lesson answered most recently first, keeping the order within', () => {
		const attempts = [
			{ id: 5, lessonSlug: 'b' },
			{ id: 4, lessonSlug: 'a' },
			{ id: 3, lessonSlug: 'b' },
			{ id: 2, lessonSlug: 'a' }
		];
		expect(groupByLesson(attempts).map((g) => [g.lessonSlug, g.attempts.map((a) => a.id)])).toEqual([
			['b', [5, 3]],
			['a', [4, 2]]
		]);
	});
});
