import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { createClass, joinClassByCode } from '../db/classes';
import { sqliteClient, openDatabase } from '../db/open';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { itemStatistics } from './item-stats';
import { saveReview, saveSelfCheck } from '../quiz/written';
import { itemAnalysis, itemDetail, skillComparison } from './items';

const dir = mkdtempSync(join(tmpdir(), 'course-items-'));
const db = openDatabase(join(dir, 'app.db'));
let course: Course;
let classId: string;
let questionId: string;

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	await db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' },
			{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben' }
		]);
	const klass = await createClass(db, 't', 'C', null);
	classId = klass.id;
	await joinClassByCode(db, 'ana', klass.joinCode!);
	await joinClassByCode(db, 'ben', klass.joinCode!);
	questionId = [...course.questions.keys()].find((id) => course.questions.get(id)!.type === 'choice')!;
});

afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

async function answer(userId: string, earned: number, option: string) {
	const question = course.questions.get(questionId)!;
	const lessonSlug = course.lessons.find((l) => l.questionIds.includes(questionId))!.slug;
	await recordAttempt(db, { userId, lessonSlug, questionId, contentVersion: question.version, response: { selected: [option] }, earned, total: 1 });
}

describe('itemAnalysis', () => {
	it('is worked out again only when a first attempt changes', async () => {
		await itemAnalysis(db, course, classId); // syncs course_questions before the first answers
		await answer('ana', 1, 'a');
		const first = await itemAnalysis(db, course, classId);
		expect(first.find((i) => i.itemId === questionId)).toMatchObject({ attempts: 1, facility: 100 });
		expect(await itemAnalysis(db, course, classId)).toBe(first); // nothing new: the stored analysis

		await answer('ana', 0, 'b'); // a retry is not a first attempt: still the same statistics
		expect(await itemAnalysis(db, course, classId)).toBe(first);

		await answer('ben', 0, 'b'); // a new first attempt
		const second = await itemAnalysis(db, course, classId);
		expect(second).not.toBe(first);
		expect(second.find((i) => i.itemId === questionId)).toMatchObject({ attempts: 2, facility: 50 });
	});

	it('gives one question’s detail: what each student chose first', async () => {
		const detail = (await itemDetail(db, course, classId, questionId))!;
		expect(detail.attempts).toBe(2);
		const counts = detail.groups.flatMap((g) => g.rows.map((r) => r.count));
		expect(counts.reduce((a, b) => a + b, 0)).toBe(2); // ana's first (a) and ben's first (b)
		expect(await itemDetail(db, course, classId, 'no-such-question')).toBeNull();
	});

	it('counts written answers only once reviewed: the self-check is the learner’s own view', async () => {
		const written = 'l06-rewrite-neutral';
		const question = course.questions.get(written)!;
		const lessonSlug = course.lessons.find((l) => l.questionIds.includes(written))!.slug;
		const ids = await Promise.all(['ana', 'ben'].map((userId) =>
			recordAttempt(db, { userId, lessonSlug, questionId: written, contentVersion: question.version, response: { fields: { rewrite: 'x' } }, earned: 0, total: 1 })
		));
		await saveSelfCheck(db, course, 'ana', written, ['kept-facts', 'owner']);
		await saveSelfCheck(db, course, 'ben', written, ['kept-facts']);
		expect((await itemAnalysis(db, course, classId)).find((i) => i.itemId === written)).toBeUndefined();
		await saveReview(db, course, 't', { id: ids[0], questionId: written, contentVersion: question.version }, 2, 'Well done.');
		expect((await itemAnalysis(db, course, classId)).find((i) => i.itemId === written)).toMatchObject({ attempts: 1, facility: 100 });
		// The choice question's figures leave the written answer out of the rest-of-course score.
		expect((await itemAnalysis(db, course, classId)).find((i) => i.itemId === questionId)).toMatchObject({ attempts: 2, facility: 50 });
		const detail = (await itemDetail(db, course, classId, written))!;
		expect(detail.groups[0].rows.map((r) => [r.label, r.count])).toEqual([
			['0 · Not yet', 0],
			['1 · Nearly', 0],
			['2 · Done well', 1]
		]);
		// Gone again, so that the reference check below compares machine-graded first scores only.
		sqliteClient(db).prepare('delete from attempts where question_id = ?').run(written);
		expect((await itemAnalysis(db, course, classId)).find((i) => i.itemId === written)).toBeUndefined();
	});
});

describe('itemAnalysis statistics', () => {
	it('match the reference itemStatistics on the same first attempts', async () => {
		const ids = course.lessons.flatMap((l) => l.questionIds).slice(0, 4);
		const scores: Record<string, number[]> = { ana: [1, 0.5, 0, 1], ben: [0, 0.25, 1, 1] };
		await db.insert(users).values({ id: 'cy', role: 'student', username: 'cy', displayName: 'Cy' });
		await joinClassByCode(db, 'cy', (sqliteClient(db).prepare('select join_code from classes where id = ?').pluck().get(classId) as string)!);
		scores.cy = [0.5, 1, 0, 0];
		for (const [userId, list] of Object.entries(scores)) {
			ids.forEach(async (id, i) => {
				if (id === questionId) return; // answered above already
				const question = course.questions.get(id)!;
				const lessonSlug = course.lessons.find((l) => l.questionIds.includes(id))!.slug;
				await recordAttempt(db, { userId, lessonSlug, questionId: id, contentVersion: question.version, response: {}, earned: list[i], total: 1 });
			});
		}
		// The reference: every first score of the class, straight from the database.
		const firsts = sqliteClient(db)
			.prepare(
				`select s.user_id as studentId, s.question_id as itemId, s.first_score as score
				   from attempt_summaries s join enrollments e on e.user_id = s.user_id and e.class_id = ?`
			)
			.all(classId) as { studentId: string; itemId: string; score: number }[];
		const byItem = new Map<string, { studentId: string; score: number }[]>();
		for (const f of firsts) byItem.set(f.itemId, [...(byItem.get(f.itemId) ?? []), f]);
		const reference = itemStatistics([...byItem].map(([itemId, list]) => ({ itemId, scores: list })));
		const analysis = await itemAnalysis(db, course, classId);
		expect(analysis.length).toBe(reference.length);
		for (const expected of reference) {
			const got = analysis.find((a) => a.itemId === expected.itemId)!;
			for (const key of ['attempts', 'facility', 'sd', 'discrimination', 'efficiency'] as const) {
				if (expected[key] === null) expect(got[key], `${expected.itemId} ${key}`).toBeNull();
				else expect(got[key], `${expected.itemId} ${key}`).toBeCloseTo(expected[key] as number, 9);
			}
			expect(got.flagged).toBe(expected.flagged);
		}
	});
});


describe('skillComparison', () => {
	it('pairs each skill’s before and after items with the class’s facility on each', async () => {
		const lessons = [
			{ diagnostic: 'before', questionIds: ['b1', 'b2'] },
			{ diagnostic: null, questionIds: ['x'] },
			{ diagnostic: 'after', questionIds: ['a1', 'a2'] }
		];
		const question = (skill?: string) => ({ definition: { skill } });
		const fakeCourse = {
			lessons,
			questions: new Map([
				['b1', question('attribution')],
				['b2', question('fact-check')],
				['x', question()],
				['a1', question('fact-check')],
				['a2', question('attribution')]
			])
		} as unknown as Parameters<typeof skillComparison>[0];
		const reports = [
			{ itemId: 'b1', facility: 40 },
			{ itemId: 'a2', facility: 75 },
			{ itemId: 'a1', facility: 60 }
		] as Parameters<typeof skillComparison>[1];
		expect(skillComparison(fakeCourse, reports)).toEqual([
			{ skill: 'attribution', before: [{ itemId: 'b1', facility: 40 }], after: [{ itemId: 'a2', facility: 75 }] },
			{ skill: 'fact-check', before: [{ itemId: 'b2', facility: null }], after: [{ itemId: 'a1', facility: 60 }] }
		]);
	});
});
