import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { createClass, joinClassByCode } from '../db/classes';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { classMatrix, doneScore } from './matrix';
import { syncDashboardSummaries } from './summaries';
import { sqliteClient } from '../db/open';

const db = tempDatabase('matrix');

let course: Course;
let classId: string;
// Lesson positions and sizes in the real course, so the expected figures can be worked out by hand.
let before: { index: number; questions: string[] };
let after: { index: number; questions: string[] };
let plain: { index: number; questions: string[] };
let courseQuestions: number;

/** One attempt with a chosen time, through the same insert path the triggers watch. */
function answer(userId: string, questionId: string, earned: number, at: number, discernment = [0, 0, 0, 0]) {
	const lesson = course.lessons.find((l) => l.questionIds.includes(questionId))!;
	sqliteClient(db)
		.prepare(
			`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, created_at, neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 values (?, ?, ?, ?, '{}', ?, 1, ?, ?, ?, ?, ?)`
		)
		.run(userId, lesson.slug, questionId, course.questions.get(questionId)!.version, earned, at, ...discernment);
}

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	const lessonInfo = (find: (l: Course['lessons'][number]) => boolean) => {
		const index = course.lessons.findIndex(find);
		return { index, questions: course.lessons[index].questionIds };
	};
	before = lessonInfo((l) => l.diagnostic === 'before');
	after = lessonInfo((l) => l.diagnostic === 'after');
	plain = lessonInfo((l) => !l.diagnostic && l.questionIds.length >= 2);
	courseQuestions = course.lessons.reduce((sum, l) => sum + l.questionIds.length, 0);
	await syncDashboardSummaries(db, course);

	await db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' },
			{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben' },
			{ id: 'cy', role: 'student', username: 'cy', displayName: 'Cy' },
			{ id: 'out', role: 'student', username: 'out', displayName: 'Not in class' }
		]);
	const klass = await createClass(db, 't', 'C', null);
	classId = klass.id;
	for (const id of ['ana', 'ben', 'cy']) await joinClassByCode(db, id, klass.joinCode!);

	// Ana: the whole "before" check at 0.5 each, the whole "after" check right, and one plain
	// question wrong first (meeting 3 neutral claims, flagging 1; 2 framed ones, missing 1) then right.
	before.questions.forEach((id, i) => answer('ana', id, 0.5, 1_000 + i));
	after.questions.forEach((id, i) => answer('ana', id, 1, 2_000 + i));
	answer('ana', plain.questions[0], 0, 3_000, [3, 1, 2, 1]);
	answer('ana', plain.questions[0], 1, 3_001, [3, 0, 2, 0]);
	// Ben: one question of the "before" check (so no before score yet) and half a plain question.
	answer('ben', before.questions[0], 1, 5_000);
	answer('ben', plain.questions[1], 0.5, 5_001, [2, 2, 4, 0]);
	// Cy: nothing. Out: not in the class.
	answer('out', plain.questions[0], 1, 9_000);
});

describe('classMatrix', () => {
	it('fills each student’s cells, totals, diagnostics and discernment as worked out by hand', async () => {
		const { rows } = await classMatrix(db, course, classId, 'name');
		expect(rows.map((r) => r.name)).toEqual(['Ana', 'Ben', 'Cy']);
		const [ana, ben, cy] = rows;

		const none = { neutral: 0, flagged: 0, framed: 0, missed: 0 };
		expect(ana.cells[before.index]).toEqual({ answered: before.questions.length, questions: before.questions.length, doneScore: 0.5, discernment: none });
		expect(ana.cells[after.index]).toEqual({ answered: after.questions.length, questions: after.questions.length, doneScore: 1, discernment: none });
		// One question of the lesson answered, right at the latest attempt: 100% on what was done.
		expect(ana.cells[plain.index]).toEqual({ answered: 1, questions: plain.questions.length, doneScore: 1, discernment: { neutral: 3, flagged: 1, framed: 2, missed: 1 } });
		const anaAnswered = before.questions.length + after.questions.length + 1;
		expect(ana.answered).toBe(anaAnswered);
		expect(ana.questions).toBe(courseQuestions);
		expect(ana.doneScore).toBeCloseTo((0.5 * before.questions.length + after.questions.length + 1) / anaAnswered, 9); // shares are settled to nine decimals
		expect(ana.completed).toBeCloseTo(anaAnswered / courseQuestions, 12);
		expect(ana.lastActive).toBe(3_001);
		expect(ana.before).toBe(0.5);
		expect(ana.after).toBe(1);
		expect(ana.gain).toEqual({ raw: 0.5, normalised: 1 }); // (1 − 0.5) / (1 − 0.5)
		expect(ana.discernment).toEqual({ neutral: 3, flagged: 1, framed: 2, missed: 1 }); // first attempts only

		expect(ben.cells[before.index]).toEqual({ answered: 1, questions: before.questions.length, doneScore: 1, discernment: none });
		expect(ben.cells[plain.index].doneScore).toBe(0.5);
		expect(ben.doneScore).toBe(0.75); // 1 and 0.5 on the two questions answered
		expect(ben.completed).toBeCloseTo(2 / courseQuestions, 12);
		expect(ben.before).toBeNull(); // the check is not finished
		expect(ben.gain).toBeNull();
		expect(ben.lastActive).toBe(5_001);
		expect(ben.discernment).toEqual({ neutral: 2, flagged: 2, framed: 4, missed: 0 });
		// Too few parts met for either figure to be a pattern yet.
		expect(rows.map((r) => r.patterns)).toEqual([[], [], []]);
		expect((await classMatrix(db, course, classId, 'name')).classDiscernment).toEqual({ neutral: 5, flagged: 3, framed: 6, missed: 1 });

		expect(cy.cells.every((c) => c.answered === 0 && c.doneScore === null)).toBe(true);
		expect(cy).toMatchObject({ answered: 0, doneScore: null, completed: 0, lastActive: null, before: null, after: null, gain: null });
	});

	it('names each lesson column by a short title: the checks by what they are, the rest by their title', async () => {
		const { lessons } = await classMatrix(db, course, classId);
		expect(lessons[before.index].shortTitle).toBe('Before check');
		expect(lessons[after.index].shortTitle).toBe('After check');
		expect(lessons[plain.index].shortTitle).toBe(course.lessons[plain.index].title);
	});

	it('averages each lesson over the students who began it, and the checks over those who finished', async () => {
		const matrix = await classMatrix(db, course, classId);
		// Each student's score on what they did in the lesson, averaged: Ana 0.5 and Ben 1 on the check.
		expect(matrix.lessonAverages[before.index]).toBe(0.75);
		expect(matrix.lessonAverages[after.index]).toBe(1);
		expect(matrix.lessonAverages[plain.index]).toBe(0.75);
		expect(matrix.classDoneScore).toBeCloseTo((matrix.rows[0].doneScore! + 0.75) / 2, 9); // Cy did nothing: left out
		const untouched = course.lessons.findIndex((_, i) => ![before.index, after.index, plain.index].includes(i));
		expect(matrix.lessonAverages[untouched]).toBeNull();
		expect(matrix.classBefore).toBe(0.5);
		expect(matrix.classAfter).toBe(1);
		expect(matrix.classGain).toEqual({ raw: 0.5, normalised: 1 });
	});

	it('sorts by progress, score on what was done and last activity, with no activity last', async () => {
		const order = async (sort: 'progress' | 'score' | 'active') => (await classMatrix(db, course, classId, sort)).rows.map((r) => r.name);
		expect(await order('progress')).toEqual(['Ana', 'Ben', 'Cy']);
		// Ana: half marks on the before check, full marks on the rest (over 75%); Ben: 75%; Cy: nothing done.
		expect(await order('score')).toEqual(['Ana', 'Ben', 'Cy']);
		expect(await order('active')).toEqual(['Ben', 'Ana', 'Cy']);
	});

	it('searches names and usernames, and averages only the students found', async () => {
		const matrix = await classMatrix(db, course, classId, 'name', '  BE ');
		expect(matrix.rows.map((r) => r.username)).toEqual(['ben']);
		expect(matrix.lessonAverages[before.index]).toBe(1);
		expect(matrix.lessonAverages[after.index]).toBeNull();
		expect(matrix.classBefore).toBeNull();
		expect((await classMatrix(db, course, classId, 'name', 'nobody')).rows).toEqual([]);
	});
});

describe('score on what was done, apart from how much of the course was done', () => {
	it('shows a student who did three lessons at 30%, 23% and 11% at about 21%, not 6%, with the course mostly not done', async () => {
		await db.insert(users).values({ id: 'dee', role: 'student', username: 'dee', displayName: 'Dee' });
		const klass = await createClass(db, 't', 'Three lessons', null);
		await joinClassByCode(db, 'dee', klass.joinCode!);
		// Three taught lessons done in full, each question at that lesson's score.
		const taught = course.lessons.filter((l) => !l.diagnostic && l.questionIds.length > 0).slice(0, 3);
		const scores = [0.3, 0.23, 0.11];
		taught.forEach((lesson, i) => lesson.questionIds.forEach((id, j) => answer('dee', id, scores[i], 20_000 + i * 100 + j)));

		const [dee] = (await classMatrix(db, course, klass.id)).rows;
		const answered = taught.reduce((sum, l) => sum + l.questionIds.length, 0);
		const earned = taught.reduce((sum, l, i) => sum + scores[i] * l.questionIds.length, 0);
		expect(taught.map((l) => dee.cells[course.lessons.indexOf(l)].doneScore)).toEqual(scores.map((s) => expect.closeTo(s, 12)));
		expect(dee.doneScore).toBeCloseTo(earned / answered, 9);
		expect(dee.doneScore!).toBeGreaterThan(0.1);
		// The old single figure mixed the two: earned over the whole course.
		expect(earned / courseQuestions).toBeLessThan(0.1);
		expect(dee.completed).toBeCloseTo(answered / courseQuestions, 12);
	});
});

describe('doneScore', () => {
	it('is the same share whatever order the scores were added in (PostgreSQL and SQLite add them differently)', () => {
		const scores = [0.3, 0.6, 0.3, 0.7, 0.7, 0.9, 0.6, 0.9];
		const forwards = scores.reduce((a, b) => a + b, 0);
		const backwards = [...scores].reverse().reduce((a, b) => a + b, 0);
		// The float sums differ in their last bits, and unsettled they would round to 63% and 62%.
		expect(forwards).not.toBe(backwards);
		expect(Math.round((forwards / 8) * 100)).not.toBe(Math.round((backwards / 8) * 100));
		expect(doneScore(forwards, scores.length)).toBe(doneScore(backwards, scores.length));
		expect(doneScore(backwards, scores.length)).toBe(0.625);
	});
});
