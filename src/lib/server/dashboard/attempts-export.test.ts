// The attempts export, streamed page by page (classAttemptsPage + attemptsCsvStream), gives
// exactly the text of the whole file written at once, whatever the page size.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createClass, joinClassByCode } from '../db/classes';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { attemptsCsv, attemptsCsvStream } from './csv';
import { classAttemptsPage, type AttemptExportPage } from './queries';

const db = tempDatabase('attempts-export');

await db.insert(users)
	.values([
		{ id: 't', role: 'instructor', username: 't', displayName: 'T' },
		{ id: 'ana', role: 'student', username: 'ana', displayName: '=HYPERLINK("http://evil.example")' },
		{ id: 'ben', role: 'student', username: 'ben', displayName: 'Ben "B", Jr.' },
		{ id: 'out', role: 'student', username: 'out', displayName: 'Not in class' }
	]);
const klass = await createClass(db, 't', 'C', null);
await joinClassByCode(db, 'ana', klass.joinCode!);
await joinClassByCode(db, 'ben', klass.joinCode!);

const answer = (userId: string, n: number) =>
	recordAttempt(db, { userId, lessonSlug: 'one', questionId: `q${n % 3}`, contentVersion: 'v1', response: { selected: [`o${n}`], text: 'a, "b"\nc' }, earned: n % 2, total: 1 });
// Class attempts, then a long stretch by someone outside the class, then more class attempts.
const classIds: number[] = [];
for (let n = 0; n < 5; n++) classIds.push(await answer(n % 2 ? 'ana' : 'ben', n));
for (let n = 0; n < 12; n++) await answer('out', n);
for (let n = 5; n < 8; n++) classIds.push(await answer(n % 2 ? 'ana' : 'ben', n));
await answer('out', 99); // the newest attempt is not the class's

// A course that knows none of these made-up questions: answers are written as stored.
const context = { course: { lessons: [], questions: new Map() }, asOf: Date.UTC(2026, 11, 1, 14, 5) };

describe('classAttemptsPage', () => {
	it('returns the class’s attempts after an id, oldest first, and where to go on', async () => {
		const first = await classAttemptsPage(db, klass.id, 0, 2, 100);
		expect(first.rows.map((r) => r.attemptId)).toEqual(classIds.slice(0, 2));
		expect(first.next).toBe(classIds[1]);
		const all = await classAttemptsPage(db, klass.id, 0, 1000, 1000);
		expect(all.rows.map((r) => r.attemptId)).toEqual(classIds);
		expect(all.next).toBeNull();
	});

	it('looks at most `span` ids ahead, so a stretch without the class gives an empty page', async () => {
		const page = await classAttemptsPage(db, klass.id, classIds[4], 10, 4);
		expect(page.rows).toEqual([]);
		expect(page.next).toBe(classIds[4] + 4);
	});
});

describe('attemptsCsvStream', () => {
	it('streams the same CSV as the whole list written at once, over many small pages', async () => {
		const expected = attemptsCsv((await classAttemptsPage(db, klass.id, 0, 1000, 1000)).rows, context);
		const pages: AttemptExportPage[] = [];
		const stream = attemptsCsvStream(async (afterId) => {
			const page = await classAttemptsPage(db, klass.id, afterId, 2, 4);
			pages.push(page);
			return page;
		}, context);
		// Bytes decoded as they are: Response.text() would drop the byte-order mark.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
		expect(text).toBe(expected);
		expect(pages.length).toBeGreaterThan(4);
		expect(pages.some((p) => p.rows.length === 0 && p.next !== null)).toBe(true);

		// And that text is the export as it always was: header, one formula-safe row per class attempt.
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows: string[][] = parse(text.slice(1));
		expect(rows[0]).toEqual([
			'attempt', 'student', 'username', 'lesson', 'question', 'question id', 'version', 'earned', 'total',
			'answer', 'answer as stored', 'answered at (UTC)', 'as of (UTC)', 'score from', 'teacher comment'
		]);
		expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(classIds);
		expect(rows[2].slice(1, 3)).toEqual(['\'=HYPERLINK("http://evil.example")', 'ana']);
		expect(rows[1].slice(1, 3)).toEqual(['Ben "B", Jr.', 'ben']);
		expect(JSON.parse(rows[1][10])).toEqual({ selected: ['o0'], text: 'a, "b"\nc' });
		expect(rows.slice(1).every((r) => r[12] === '2026-12-01T14:05:00Z')).toBe(true);
	});

	it('asks for a page only as the reader pulls', async () => {
		let calls = 0;
		const stream = attemptsCsvStream(async (afterId) => {
			calls++;
			return await classAttemptsPage(db, klass.id, afterId, 2, 4);
		}, context);
		const reader = stream.getReader();
		await reader.read(); // the header
		await reader.read(); // the first page
		const afterTwoReads = calls;
		await reader.cancel();
		expect(afterTwoReads).toBeLessThanOrEqual(2);
	});
});
