import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { attemptsCsv, matrixCsv, neutraliseFormula } from './csv';
import type { ClassMatrix } from './matrix';

const matrix: ClassMatrix = {
	lessons: [{ slug: 'one', number: 1, title: 'One', questions: 2 }],
	rows: [
		{
			userId: 'u1',
			name: '=HYPERLINK("http://evil.example","click")',
			username: 'mallory',
			cells: [{ answered: 2, questions: 2, score: 0.75 }],
			answered: 2,
			score: 0.75,
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
			cells: [{ answered: 0, questions: 2, score: 0 }],
			answered: 0,
			score: 0,
			lastActive: null,
			before: null,
			after: null,
			gain: null,
			discernment: { neutral: 0, flagged: 0, framed: 0, missed: 0 },
			patterns: []
		}
	],
	lessonAverages: [0.75],
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
	it('writes one row per student, escaped and safe, that parses back', () => {
		const text = matrixCsv(matrix);
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows: string[][] = parse(text.slice(1));
		expect(rows[0]).toEqual([
			'student', 'username', 'L01 answered', 'L01 score %', 'answered', 'score %', 'before %', 'after %',
			'gain (points)', 'normalised gain %', 'neutral parts met', 'neutral parts flagged', 'framed parts met', 'framed parts missed', 'last active (UTC)'
		]);
		expect(rows[1]).toEqual(['\'=HYPERLINK("http://evil.example","click")', 'mallory', '2', '75', '2', '75', '40', '70', '30', '50', '8', '2', '6', '1', '2026-01-02T00:00:00.000Z']);
		expect(rows[2]).toEqual(['José "Pepe", Niño', 'jose', '0', '0', '0', '0', '', '', '', '', '0', '0', '0', '0', '']);
		expect(rows).toHaveLength(3);
	});
});

describe('attemptsCsv', () => {
	it('writes one row per attempt with the response as JSON', () => {
		const rows: string[][] = parse(
			attemptsCsv([
				{ attemptId: 7, student: '@admin', username: 'a', lessonSlug: 'one', questionId: 'q1', contentVersion: 'v', earned: 0.5, total: 1, response: '{"selected":["a"]}', createdAt: 0 }
			]).slice(1)
		);
		expect(rows[1]).toEqual(['7', "'@admin", 'a', 'one', 'q1', 'v', '0.5', '1', '{"selected":["a"]}', '1970-01-01T00:00:00.000Z']);
	});
});
