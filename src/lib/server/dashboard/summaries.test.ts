import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../content/course';
import { sqliteClient, openDatabase } from '../db/open';
import { users } from '../db/schema';
import { lessonSummaries } from './queries';
import { syncDashboardSummaries } from './summaries';
import { createClass, joinClassByCode } from '../db/classes';
import { first } from '../db/results';

const dir = mkdtempSync(join(tmpdir(), 'course-summaries-'));
const db = openDatabase(join(dir, 'app.db'));
let course: Course;
let classId: string;

// A claim/framing/mixed classify question from the real course, and a plain choice question.
let classifyId: string;
let claimItems: string[];
let otherItems: string[];
let lessonSlug: string;

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
	const [id, question] = [...course.questions].find(
		([, q]) => q.type === 'classify' && (q.definition as unknown as { labels: { id: string }[] }).labels.some((l) => l.id === 'framing')
	)!;
	classifyId = id;
	const items = (question.definition as unknown as { items: { id: string; label: string }[] }).items;
	claimItems = items.filter((i) => i.label === 'claim').map((i) => i.id);
	otherItems = items.filter((i) => i.label !== 'claim').map((i) => i.id);
	lessonSlug = course.lessons.find((l) => l.questionIds.includes(id))!.slug;

	await db.insert(users)
		.values([
			{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
			{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' }
		]);
	const klass = await createClass(db, 't', 'C', null);
	classId = klass.id;
	await joinClassByCode(db, 'ana', klass.joinCode!);
});

afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

/** An attempt written the old way: no discernment figures, as rows from before they existed. */
function oldAttempt(version: string, labels: Record<string, string>) {
	sqliteClient(db)
		.prepare(
			`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total)
			 values ('ana', ?, ?, ?, ?, 0.5, 1)`
		)
		.run(lessonSlug, classifyId, version, JSON.stringify({ labels }));
}

describe('syncDashboardSummaries', () => {
	it('writes the current versions and fills in discernment for old attempts', async () => {
		expect(claimItems.length).toBeGreaterThan(0);
		// Every neutral claim labelled framing; everything else labelled claim.
		const labels = Object.fromEntries([...claimItems.map((id) => [id, 'framing']), ...otherItems.map((id) => [id, 'claim'])]);
		oldAttempt(course.questions.get(classifyId)!.version, labels);
		expect(await lessonSummaries(db, classId)).toEqual([]); // course_questions is still empty

		await syncDashboardSummaries(db, course);
		const stored = sqliteClient(db).prepare('select count(*) as n from course_questions').get() as { n: number };
		expect(stored.n).toBe(course.questions.size);
		const attempt = sqliteClient(db)
			.prepare('select neutral_seen as seen, neutral_flagged as flagged, framed_seen as framed, framed_missed as missed from attempts').get();
		// …and every framed or mixed one labelled a plain claim: all missed.
		expect(attempt).toEqual({ seen: claimItems.length, flagged: claimItems.length, framed: otherItems.length, missed: otherItems.length });
		expect(await lessonSummaries(db, classId)).toEqual([
			expect.objectContaining({
				userId: 'ana',
				lessonSlug,
				answered: 1,
				firstEarned: 0.5,
				latestEarned: 0.5,
				neutralSeen: claimItems.length,
				neutralFlagged: claimItems.length,
				framedSeen: otherItems.length,
				framedMissed: otherItems.length
			})
		]);
		// first_scores is rebuilt too, in the packed form the item analysis reads (score in billionths).
		const position = course.lessons.flatMap((l) => l.questionIds).indexOf(classifyId);
		expect(sqliteClient(db).prepare("select packed from first_scores where user_id = 'ana'").pluck().get()).toBe(`${position} 500000000`);
	});

	it('rebuilds the lesson summaries when a question changes version', async () => {
		const question = course.questions.get(classifyId)!;
		const edited: Course = { ...course, questions: new Map(course.questions).set(classifyId, { ...question, version: 'edited' }) };
		await syncDashboardSummaries(db, edited);
		expect(await lessonSummaries(db, classId)).toEqual([]); // the only answer was on the old version

		oldAttempt('edited', {});
		await syncDashboardSummaries(db, edited);
		expect(await lessonSummaries(db, classId)).toEqual([expect.objectContaining({ answered: 1, neutralSeen: claimItems.length, neutralFlagged: 0 })]);

		await syncDashboardSummaries(db, course); // and back
		expect(await lessonSummaries(db, classId)).toEqual([expect.objectContaining({ answered: 1, neutralFlagged: claimItems.length })]);
	});
});
