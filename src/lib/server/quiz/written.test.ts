import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { syncDashboardSummaries } from '../dashboard/summaries';
import { sqliteClient, openDatabase } from '../db/open';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { answerMarks, saveReview, saveSelfCheck } from './written';
import { first } from '../db/results';

const dir = mkdtempSync(join(tmpdir(), 'written-answers-'));
const db = openDatabase(join(dir, 'app.db'));
let course: Course;
const QUESTION = 'l06-rewrite-neutral';
let lessonSlug: string;
let version: string;
let position: number;

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	lessonSlug = course.lessons.find((l) => l.questionIds.includes(QUESTION))!.slug;
	version = course.questions.get(QUESTION)!.version;
	position = course.lessons.flatMap((l) => l.questionIds).indexOf(QUESTION);
	await syncDashboardSummaries(db, course);
	await db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' }
		]);
});

afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

async function write(userId: string): Promise<number> {
	return await recordAttempt(db, { userId, lessonSlug, questionId: QUESTION, contentVersion: version, response: { fields: { rewrite: 'A rewrite.' } }, earned: 0, total: 1 });
}

/** What every derived table says of Ana's answer: the attempt, its summary, the lesson row, the packed first score. */
function derived() {
	const client = sqliteClient(db);
	const attempt = client.prepare(`select earned from attempts where user_id = 'ana' order by id desc limit 1`).get() as { earned: number };
	const summary = client
		.prepare(`select first_score as first, latest_score as latest from attempt_summaries where user_id = 'ana' and question_id = ?`)
		.get(QUESTION) as { first: number; latest: number };
	const lesson = client.prepare(`select latest_earned as latest, first_earned as first from lesson_summaries where user_id = 'ana' and lesson_slug = ?`).get(lessonSlug) as {
		latest: number;
		first: number;
	};
	const packed = (client.prepare(`select packed from first_scores where user_id = 'ana'`).pluck().get() as string).split(' ');
	const firstPacked = Number(packed[packed.indexOf(String(position)) + 1]) / 1e9;
	return { attempt: attempt.earned, first: summary.first, latest: summary.latest, lessonLatest: lesson.latest, lessonFirst: lesson.first, firstPacked };
}

describe('written answers: self-check and review set the attempt’s score, and the derived rows follow', () => {
	it('counts the answer as done at 0 until the self-check, then the share ticked', async () => {
		await write('ana');
		expect(derived()).toEqual({ attempt: 0, first: 0, latest: 0, lessonLatest: 0, lessonFirst: 0, firstPacked: 0 });
		const saved = await saveSelfCheck(db, course, 'ana', QUESTION, ['kept-facts', 'request-not-tactic', 'no-trend', 'owner']);
		expect(saved.ok && saved.marks.score).toEqual({ earned: 0.8, total: 1, basis: 'self-check' });
		expect(derived()).toEqual({ attempt: 0.8, first: 0.8, latest: 0.8, lessonLatest: 0.8, lessonFirst: 0.8, firstPacked: 0.8 });
	});

	it('puts the teacher’s review above the self-check, and a later self-check does not undo it', async () => {
		const attemptId = sqliteClient(db).prepare(`select max(id) from attempts where user_id = 'ana'`).pluck().get() as number;
		const reviewed = await saveReview(db, course, 't', { id: attemptId, questionId: QUESTION, contentVersion: version }, 1, ' Good, but say whose claim the base is. ');
		expect(reviewed.ok && reviewed.marks).toMatchObject({ review: { score: 1, comment: 'Good, but say whose claim the base is.' }, score: { earned: 0.5, basis: 'review' } });
		expect(derived()).toEqual({ attempt: 0.5, first: 0.5, latest: 0.5, lessonLatest: 0.5, lessonFirst: 0.5, firstPacked: 0.5 });
		await saveSelfCheck(db, course, 'ana', QUESTION, []);
		expect(derived().latest).toBe(0.5);
		const marks = (await answerMarks(db, course, [{ id: attemptId, questionId: QUESTION }])).get(attemptId)!;
		expect(marks.selfCheck).toEqual([]);
		expect(marks.score.basis).toBe('review');
	});

	it('scores a second answer on its own: the first score stays, the latest follows the new self-check', async () => {
		await write('ana');
		expect(derived()).toMatchObject({ first: 0.5, latest: 0, lessonLatest: 0, lessonFirst: 0.5, firstPacked: 0.5 });
		await saveSelfCheck(db, course, 'ana', QUESTION, ['kept-facts']);
		expect(derived()).toMatchObject({ first: 0.5, latest: 0.2, lessonLatest: 0.2, firstPacked: 0.5 });
	});

	it('refuses statements or levels the question does not have, comments over the limit, and a self-check with no answer', async () => {
		expect(await saveSelfCheck(db, course, 'ana', QUESTION, ['made-up'])).toMatchObject({ ok: false });
		expect(await saveSelfCheck(db, course, 't', QUESTION, ['kept-facts'])).toEqual({ ok: false, error: 'Send your answer first; then check it.' });
		expect(await saveSelfCheck(db, course, 'ana', 'l02-spot-the-claim', [])).toMatchObject({ ok: false });
		const attempt = { id: 1, questionId: QUESTION, contentVersion: version };
		expect(await saveReview(db, course, 't', attempt, 7, '')).toEqual({ ok: false, error: 'Choose one of the rubric’s levels.' });
		expect(await saveReview(db, course, 't', attempt, 2, 'x'.repeat(2001))).toMatchObject({ ok: false });
		expect(await saveReview(db, course, 't', { ...attempt, contentVersion: 'old' }, 2, '')).toMatchObject({ ok: false });
	});
});
