import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { attemptsCsv, csvFilename, matrixCsv, neutraliseFormula } from './csv';
import type { ClassMatrix } from './matrix';

const matrix: ClassMatrix = {
	lessons: [{ slug: 'who-is-speaking', number: 1, title: 'Who is speaking?', shortTitle: 'Who is speaking?', questions: 4, diagnostic: null }],
	rows: [
		{
			userId: 'u1',
			name: '=HYPERLINK("http://evil.example","click")',
			username: 'mallory',
			cells: [{ answered: 2, questions: 4, doneScore: 0.75, discernment: { neutral: 8, flagged: 2, framed: 6, missed: 1 } }],
			answered: 2,
			questions: 4,
			doneScore: 0.75,
			completed: 0.5,
			lastActive: Date.UTC(2026, 0, 2),
			before: 0.4,
			after: 0.7,
			gain: { raw: 0.3, normalised: 0.5 },
			discernment: { neutral: 8, flagged: 2, framed: 6, missed: 1 },
			patterns: []
		},
		{
			userId: 'u2',
			name: 'José "Pepe", Niño',
			username: 'jose',
			cells: [{ answered: 0, questions: 4, doneScore: null, discernment: { neutral: 0, flagged: 0, framed: 0, missed: 0 } }],
			answered: 0,
			questions: 4,
			doneScore: null,
			completed: 0,
			lastActive: null,
			before: null,
			after: null,
			gain: null,
			discernment: { neutral: 0, flagged: 0, framed: 0, missed: 0 },
			patterns: []
		}
	],
	lessonAverages: [0.75],
	classDoneScore: 0.75,
	classBefore: 0.4,
	classAfter: 0.7,
	classGain: { raw: 0.3, normalised: 0.5 },
	classDiscernment: { neutral: 8, flagged: 2, framed: 6, missed: 1 }
};

describe('neutraliseFormula', () => {
	it('prefixes cells that a spreadsheet would run', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
		expect(neutraliseFormula('Ana')).toBe('Ana');
	});
});

describe('matrixCsv', () => {
	it('writes one row per student, escaped and safe, that parses back, with lesson titles, both scores and the date it was made', () => {
		const text = matrixCsv(matrix, Date.UTC(2026, 11, 1, 14, 5, 9));
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows: string[][] = parse(text.slice(1));
		expect(rows[0]).toEqual([
			'student', 'username', '1. Who is speaking?: questions answered', '1. Who is speaking?: score on answered %',
			'questions answered', 'course completed %', 'score on answered questions %', 'before check %', 'after check %',
			'gain (points)', 'normalised gain %', 'neutral parts met', 'neutral parts flagged', 'framed parts met', 'framed parts missed',
			'last active (UTC)', 'as of (UTC)'
		]);
		expect(rows[1]).toEqual([
			'\'=HYPERLINK("http://evil.example","click")', 'mallory', '2', '75', '2', '50', '75', '40', '70', '30', '50', '8', '2', '6', '1',
			'2026-01-02T00:00:00Z', '2026-12-01T14:05:09Z'
		]);
		// Nothing done: no score on what was done (blank, not 0), nothing completed.
		expect(rows[2]).toEqual(['José "Pepe", Niño', 'jose', '0', '', '0', '0', '', '', '', '', '', '0', '0', '0', '0', '', '2026-12-01T14:05:09Z']);
		expect(rows).toHaveLength(3);
	});
});

describe('attemptsCsv', () => {
	it('writes one row per attempt: the lesson’s title, the prompt, the answer in the words the student saw, and the stored JSON', () => {
		const question = {
			type: 'choice' as const,
			definition: {
				id: 'q1',
				type: 'choice',
				prompt: 'Which sentence is a claim?',
				explanation: 'x',
				multiple: false,
				options: [
					{ id: 'a', text: '-1 is the answer', correct: true, feedback: 'Yes.' },
					{ id: 'b', text: 'It makes sense.', correct: false, feedback: 'No.' }
				]
			}
		};
		const course = {
			lessons: [{ slug: 'claims', number: 2, title: 'Claims and framing', diagnostic: null }],
			questions: new Map([['q1', question]])
		} as unknown as Parameters<typeof attemptsCsv>[1]['course'];
		const rows: string[][] = parse(
			attemptsCsv(
				[{ attemptId: 7, student: '@admin', username: 'a', lessonSlug: 'claims', questionId: 'q1', contentVersion: 'v', earned: 0.5, total: 1, response: '{"selected":["a"]}', createdAt: 0 }],
				{ course, asOf: Date.UTC(2026, 11, 1) }
			).slice(1)
		);
		expect(rows[1]).toEqual([
			'7', "'@admin", 'a', '2. Claims and framing', 'Which sentence is a claim?', 'q1', 'v', '0.5', '1',
			// The option's text, made formula-safe like every other cell.
			"'-1 is the answer", '{"selected":["a"]}', '1970-01-01T00:00:00Z', '2026-12-01T00:00:00Z', '', ''
		]);
	});

	it('writes a written answer as its fields, where its score comes from and the teacher’s comment, all formula-safe', () => {
		const question = {
			type: 'respond',
			definition: { id: 'w1', type: 'respond', prompt: 'Rewrite it.', explanation: 'x', fields: [{ id: 'rewrite', label: 'Your rewrite' }] }
		};
		const course = {
			lessons: [{ slug: 'loaded', number: 6, title: 'Loaded words', diagnostic: null }],
			questions: new Map([['w1', question]])
		} as unknown as Parameters<typeof attemptsCsv>[1]['course'];
		const row = (extra: object) => ({
			attemptId: 8, student: 'Ana', username: 'ana', lessonSlug: 'loaded', questionId: 'w1', contentVersion: 'v', earned: 0.5, total: 1,
			response: JSON.stringify({ fields: { rewrite: '=HYPERLINK("x")' } }), createdAt: 0, ...extra
		});
		const rows: string[][] = parse(
			attemptsCsv([row({ reviewScore: 1, reviewComment: '+ say who claims it', selfChecked: 1 }), row({ reviewScore: null, reviewComment: null, selfChecked: 1 }), row({ reviewScore: null, reviewComment: null, selfChecked: 0 })], {
				course,
				asOf: 0
			}).slice(1)
		);
		expect(rows[1][9]).toBe('Your rewrite: =HYPERLINK("x")');
		expect(JSON.parse(rows[1][10])).toEqual({ fields: { rewrite: '=HYPERLINK("x")' } });
		expect(rows.slice(1).map((r) => r.slice(13))).toEqual([
			['teacher review', "'+ say who claims it"],
			['self-check', ''],
			['not self-checked', '']
		]);
	});
});

describe('csvFilename', () => {
	it('names the file by class, contents and date, in safe characters only', () => {
		const asOf = Date.UTC(2026, 11, 1, 23, 59);
		expect(csvFilename('Period 3: Média & "News"', 'progress', asOf)).toBe('period-3-media-news-progress-2026-12-01.csv');
		expect(csvFilename('"; rm -rf /', 'answers', asOf)).toBe('rm-rf-answers-2026-12-01.csv');
		expect(csvFilename('日本語', 'answers', asOf)).toBe('class-answers-2026-12-01.csv');
	});
});
