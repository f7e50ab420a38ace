import { describe, expect, it } from 'vitest';
import { createClass, joinClassByCode, removeStudent } from '../db/classes';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { classFirstResponseCounts, classRoster, firstAttemptsStamp, firstResponseCounts, forEachPackedFirstScores, lessonSummaries, unpackFirstScores } from './queries';
import { sqliteClient } from '../db/open';

const db = tempDatabase('dashboard');

await db.insert(users)
	.values([
		{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
		{ id: 'ana', role: 'student', username: 'ana', displayName: 'Ana' },
		{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben' },
		{ id: 'out', role: 'student', username: 'out', displayName: 'Not in class' }
	]);
const klass = await createClass(db, 't', 'C', null);
await joinClassByCode(db, 'ana', klass.joinCode!);
await joinClassByCode(db, 'ben', klass.joinCode!);

// The current versions, as syncDashboardSummaries would write them for a course of q1, q2, q3.
sqliteClient(db).exec(`insert into course_questions (question_id, version, position) values ('q1', 'v1', 0), ('q2', 'v1', 1), ('q3', 'v1', 2)`);

const answer = (
	userId: string,
	questionId: string,
	earned: number,
	response: unknown,
	version = 'v1',
	lessonSlug = 'one',
	neutral = { neutralSeen: 0, neutralFlagged: 0, framedSeen: 0, framedMissed: 0 }
) => recordAttempt(db, { userId, lessonSlug, questionId, contentVersion: version, response, earned, total: 1, ...neutral });

await answer('ana', 'q1', 0, { selected: ['b'] });
await answer('ana', 'q1', 1, { selected: ['a'] }); // retry: latest counts for progress, first for items
await answer('ana', 'q2', 0.5, { labels: { x: 'claim', y: 'framing' } }, 'v1', 'one', { neutralSeen: 2, neutralFlagged: 1, framedSeen: 3, framedMissed: 2 });
await answer('ben', 'q1', 1, { selected: ['a'] });
await answer('ben', 'q2', 1, { labels: { x: 'claim', y: 'claim' } }, 'v0', 'one', { neutralSeen: 2, neutralFlagged: 2, framedSeen: 1, framedMissed: 1 }); // an old version: ignored
await answer('ben', 'q3', 1, { selected: [2, 3] }, 'v1', 'two');
await answer('out', 'q1', 1, { selected: ['a'] }); // not in the class: ignored

describe('lessonSummaries', () => {
	it('sums each student’s current-version answers per lesson: latest and first scores, discernment', async () => {
		const rows = (await lessonSummaries(db, klass.id)).map(({ lastAt, ...rest }) => rest);
		expect(rows).toEqual(
			expect.arrayContaining([
				{ userId: 'ana', lessonSlug: 'one', answered: 2, latestEarned: 1.5, firstEarned: 0.5, neutralSeen: 2, neutralFlagged: 1, framedSeen: 3, framedMissed: 2 },
				{ userId: 'ben', lessonSlug: 'one', answered: 1, latestEarned: 1, firstEarned: 1, neutralSeen: 0, neutralFlagged: 0, framedSeen: 0, framedMissed: 0 },
				{ userId: 'ben', lessonSlug: 'two', answered: 1, latestEarned: 1, firstEarned: 1, neutralSeen: 0, neutralFlagged: 0, framedSeen: 0, framedMissed: 0 }
			])
		);
		expect(rows).toHaveLength(3);
	});
});

describe('forEachPackedFirstScores and unpackFirstScores', () => {
	function unpacked(text: string): [number, number][] {
		const positions = new Int32Array(8);
		const scores = new Float64Array(8);
		const count = unpackFirstScores(text, positions, scores);
		return Array.from({ length: count }, (_, i): [number, number] => [positions[i], scores[i]]).sort((a, b) => a[0] - b[0]);
	}

	it('take each student’s first current-version attempt, as [position, score] per student', async () => {
		const students: [number, number][][] = [];
		await forEachPackedFirstScores(db, klass.id, (packed) => students.push(unpacked(packed)));
		expect(students).toHaveLength(2);
		expect(students).toEqual(
			expect.arrayContaining([
				[
					[0, 0],
					[1, 0.5]
				], // ana: q1 first 0 (then 1), q2 0.5
				[
					[0, 1],
					[2, 1]
				] // ben: q1, q3 (his q2 was an old version)
			])
		);
	});

	it('read many-digit positions and scores in billionths, and an empty row as no pairs', async () => {
		expect(unpacked('12 333333333 3 1000000000 107 0 4 5')).toEqual([
			[3, 1],
			[4, 5e-9],
			[12, 0.333333333],
			[107, 0]
		]);
		expect(unpacked('')).toEqual([]);
		expect(unpacked('7')).toEqual([[7, 0]]); // a cut-off row ends rather than reading past its end
	});
});

describe('firstResponseCounts', () => {
	it('counts chosen options in arrays and key=value pairs in objects', async () => {
		expect(await firstResponseCounts(db, klass.id, 'q1', 'v1', '$.selected')).toEqual([
			{ choice: 'a', count: 1 },
			{ choice: 'b', count: 1 }
		]);
		expect(await firstResponseCounts(db, klass.id, 'q2', 'v1', '$.labels')).toEqual([
			{ choice: 'x=claim', count: 1 },
			{ choice: 'y=framing', count: 1 }
		]);
		expect(await firstResponseCounts(db, klass.id, 'q3', 'v1', '$.selected')).toEqual([
			{ choice: '2', count: 1 },
			{ choice: '3', count: 1 }
		]);
	});
});

describe('classFirstResponseCounts', () => {
	it('gives every current question’s counts in one read, the same as asking question by question', async () => {
		const paths = { q1: '$.selected', q2: '$.labels', q3: '$.selected' };
		const all = await classFirstResponseCounts(db, klass.id, paths);
		for (const [questionId, path] of Object.entries(paths)) {
			const one = await firstResponseCounts(db, klass.id, questionId, 'v1', path);
			expect(Object.fromEntries(all.get(questionId)!), questionId).toEqual(Object.fromEntries(one.map((c) => [c.choice, c.count])));
		}
		// Ben's answer to an old version of q2 is not counted; a question left out of `paths` is not read.
		expect(all.get('q2')).toEqual(new Map([['x=claim', 1], ['y=framing', 1]]));
		expect((await classFirstResponseCounts(db, klass.id, { q1: '$.selected' })).has('q3')).toBe(false);
	});
});

describe('classRoster', () => {
	it('lists the class’s students by name', async () => {
		const roster = await classRoster(db, klass.id);
		expect(roster.map((r) => r.username)).toEqual(['ana', 'ben']);
	});
});

describe('attempt_summaries (kept by triggers)', () => {
	const summary = (userId: string) =>
		sqliteClient(db)
			.prepare('select question_id as q, first_score as first, latest_score as latest from attempt_summaries where user_id = ? order by q')
			.all(userId);

	it('tracks the first and latest attempt as answers arrive', async () => {
		expect(summary('ana')).toEqual([
			{ q: 'q1', first: 0, latest: 1 },
			{ q: 'q2', first: 0.5, latest: 0.5 }
		]);
	});

	it('follows a guest’s attempts into an account, and empties when attempts are deleted', async () => {
		const { mergeGuestInto } = await import('../auth/accounts');
		const { deleteAttempts } = await import('../progress/attempts');
		await db.insert(users).values({ id: 'guest', role: 'guest' });
		await answer('guest', 'q3', 0.25, { selected: [1] });
		await answer('ben', 'q3', 1, { selected: [2] }); // ben's second q3 attempt: latest 1
		await mergeGuestInto(db, 'guest', 'ben');
		expect(summary('guest')).toEqual([]);
		// ben's q3 attempts are now his first (score 1), the guest's (0.25) and his second (1).
		expect(summary('ben').find((r) => (r as { q: string }).q === 'q3')).toEqual({ q: 'q3', first: 1, latest: 1 });
		const lessonRows = (userId: string) => sqliteClient(db).prepare('select * from lesson_summaries where user_id = ?').all(userId);
		expect(lessonRows('guest')).toEqual([]);
		// The latest q3 attempts were filed under lesson "one", so q3 moved there from "two".
		const bens = (await lessonSummaries(db, klass.id)).filter((r) => r.userId === 'ben');
		expect(bens).toEqual([expect.objectContaining({ lessonSlug: 'one', answered: 2, firstEarned: 2, latestEarned: 2 })]);
		const packed = (userId: string) => sqliteClient(db).prepare('select packed from first_scores where user_id = ?').pluck().get(userId);
		expect(packed('guest')).toBeUndefined();
		expect((packed('ben') as string).split(' ').length).toBe(4); // q1 and q3, position and score each
		await deleteAttempts(db, 'ben');
		expect(summary('ben')).toEqual([]);
		expect(lessonRows('ben')).toEqual([]);
		expect(packed('ben')).toBeUndefined();
	});
});

describe('firstAttemptsStamp', () => {
	it('changes with a new first attempt or a change of class, and not with a retry', async () => {
		const start = await firstAttemptsStamp(db, klass.id);
		await answer('ana', 'q1', 0.5, { selected: ['c'] }); // a retry: first scores unchanged
		expect(await firstAttemptsStamp(db, klass.id)).toBe(start);
		await answer('ana', 'q3', 1, { selected: [1] }); // a first attempt
		const afterFirst = await firstAttemptsStamp(db, klass.id);
		expect(afterFirst).not.toBe(start);
		await joinClassByCode(db, 'out', klass.joinCode!); // joins with an answer already given
		expect(await firstAttemptsStamp(db, klass.id)).not.toBe(afterFirst);
		await removeStudent(db, klass.id, 'out'); // and leaves again
		expect(await firstAttemptsStamp(db, klass.id)).toBe(afterFirst);
	});
});
