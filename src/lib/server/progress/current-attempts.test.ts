// One definition of a learner's first and latest attempt, on the current version of each
// question: after a question is edited, the lesson page, /progress and the dashboard all count
// the learner's answers to the new version, and none counts the old one.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { classMatrix } from '../dashboard/matrix';
import { syncDashboardSummaries } from '../dashboard/summaries';
import { createClass, joinClassByCode } from '../db/classes';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { recordAttempt } from './attempts';
import { beforeAndAfter, courseProgress, lessonState } from './course-progress';

const db = tempDatabase('current');

let course: Course;
let classId: string;
let diagnostic: Course['lessons'][number];
let edited: string;

async function answer(questionId: string, version: string, earned: number) {
	const lesson = course.lessons.find((l) => l.questionIds.includes(questionId))!;
	await recordAttempt(db, { userId: 'ana', lessonSlug: lesson.slug, questionId, contentVersion: version, response: {}, earned, total: 1 });
}

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	diagnostic = course.lessons.find((l) => l.diagnostic === 'before')!;
	edited = diagnostic.questionIds[0];
	await db.insert(users).values([
		{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
		{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' }
	]);
	const klass = await createClass(db, 't', 'C', null);
	classId = klass.id;
	await joinClassByCode(db, 'ana', klass.joinCode!);

	// Ana answers the first question while it is at an earlier version (wrong), then it is edited:
	const earlier = 'version-before-the-edit';
	course.questions.get(edited)!.version = earlier;
	await syncDashboardSummaries(db, course);
	await answer(edited, earlier, 0);
	course.questions.set(edited, { ...course.questions.get(edited)!, version: 'version-after-the-edit' });
	await syncDashboardSummaries(db, course);
	// …and then answers the new version right, and once more at half marks; the rest of the check right.
	await answer(edited, 'version-after-the-edit', 1);
	await answer(edited, 'version-after-the-edit', 0.5);
	for (const id of diagnostic.questionIds.slice(1)) await answer(id, course.questions.get(id)!.version, 1);
});

describe('first and latest attempts after a question is edited', () => {
	it('the lesson page counts the new version only: latest for progress, first for the check', async () => {
		const state = await lessonState(db, course, diagnostic, 'ana');
		expect(state.latest.get(edited)!.earned).toBe(0.5);
		expect(state.progress.answered).toBe(diagnostic.questionIds.length);
		expect(state.diagnostic!.score).toBe(1);
	});

	it('/progress agrees', async () => {
		const lesson = (await courseProgress(db, course, 'ana')).find((l) => l.slug === diagnostic.slug)!;
		expect(lesson.answered).toBe(diagnostic.questionIds.length);
		expect(lesson.score).toBeCloseTo((diagnostic.questionIds.length - 1 + 0.5) / diagnostic.questionIds.length, 10);
		expect((await beforeAndAfter(db, course, 'ana')).before!.score).toBe(1);
	});

	it('the dashboard agrees', async () => {
		const row = (await classMatrix(db, course, classId, 'name')).rows[0];
		const index = course.lessons.indexOf(diagnostic);
		expect(row.cells[index].answered).toBe(diagnostic.questionIds.length);
		expect(row.cells[index].doneScore).toBeCloseTo((diagnostic.questionIds.length - 1 + 0.5) / diagnostic.questionIds.length, 10);
		expect(row.before).toBe(1);
	});
});
