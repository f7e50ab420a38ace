import { describe, expect, it } from 'vitest';
import { reasonSentence, whoNeedsHelp } from './help';
import type { ClassMatrix, MatrixCell, MatrixRow } from './matrix';

const none = () => ({ neutral: 0, flagged: 0, framed: 0, missed: 0 });
const lessons: ClassMatrix['lessons'] = [
	{ slug: 'check-before', number: 0, title: 'Check yourself: before you start', shortTitle: 'Before check', questions: 4, diagnostic: 'before' },
	{ slug: 'who-is-speaking', number: 1, title: 'Who is speaking?', shortTitle: 'Who is speaking?', questions: 4, diagnostic: null },
	{ slug: 'claims-and-framing', number: 2, title: 'Claims and framing', shortTitle: 'Claims and framing', questions: 4, diagnostic: null },
	{ slug: 'loaded-words', number: 3, title: 'Loaded words', shortTitle: 'Loaded words', questions: 4, diagnostic: null }
];
const cell = (answered: number, doneScore: number | null, discernment = none()): MatrixCell => ({ answered, questions: 4, doneScore, discernment });
const row = (name: string, cells: MatrixCell[], extra: Partial<MatrixRow> = {}): MatrixRow => {
	const answered = cells.reduce((sum, c) => sum + c.answered, 0);
	const earned = cells.reduce((sum, c) => sum + (c.doneScore ?? 0) * c.answered, 0);
	const discernment = none();
	for (const c of cells) for (const k of ['neutral', 'flagged', 'framed', 'missed'] as const) discernment[k] += c.discernment[k];
	return {
		userId: name.toLowerCase(),
		name,
		username: name.toLowerCase(),
		cells,
		answered,
		questions: 16,
		doneScore: answered === 0 ? null : earned / answered,
		completed: answered / 16,
		lastActive: answered === 0 ? null : 1,
		before: null,
		after: null,
		gain: null,
		discernment,
		patterns: [],
		...extra
	};
};
const matrix = (rows: MatrixRow[]): ClassMatrix => {
	const classDiscernment = none();
	for (const r of rows) for (const k of ['neutral', 'flagged', 'framed', 'missed'] as const) classDiscernment[k] += r.discernment[k];
	return { lessons, rows, lessonAverages: [], classDoneScore: null, classBefore: null, classAfter: null, classGain: null, classDiscernment };
};
/** Students with no habit to speak of, who bring the class's shares down to where one student's habit stands out. */
const plain = (name: string) => row(name, [cell(4, 0.8), cell(4, 0.8, { neutral: 10, flagged: 0, framed: 10, missed: 0 }), cell(0, null), cell(0, null)]);

describe('whoNeedsHelp', () => {
	it('lists a low score on enough answers with the taught lessons where it was lowest, and not the checks', () => {
		const low = row('Lou', [cell(4, 0.2), cell(4, 0.3), cell(4, 0.45), cell(4, 0.9)]);
		const fine = row('Fay', [cell(4, 0.9), cell(4, 0.8), cell(0, null), cell(0, null)]);
		const few = row('Ned', [cell(2, 0), cell(0, null), cell(0, null), cell(0, null)]); // two answers say little
		const { students } = whoNeedsHelp(matrix([fine, few, low]));
		expect(students.map((s) => s.name)).toEqual(['Lou']);
		const [lou] = students;
		// (0.2 + 0.3 + 0.45 + 0.9) × 4 / 16 answered = 46%.
		expect(lou.sentences).toEqual(['Scores 46% on the 16 questions answered so far.']);
		expect(lou.lessons.map((l) => [l.slug, l.why])).toEqual([
			['who-is-speaking', '30% on what was done'],
			['claims-and-framing', '45% on what was done']
		]);
	});

	it('lists over-flagging and missing with the lessons that show the habit most, the most reasons first', () => {
		const flagger = row(
			'Olly',
			[cell(4, 0.9), cell(4, 0.7, { neutral: 4, flagged: 3, framed: 2, missed: 0 }), cell(4, 0.8, { neutral: 2, flagged: 0, framed: 2, missed: 0 }), cell(4, 0.6, { neutral: 3, flagged: 1, framed: 3, missed: 0 })],
			{ patterns: ['over-flagging'] }
		);
		const both = row(
			'Bea',
			[cell(4, 0.2), cell(4, 0.3, { neutral: 2, flagged: 1, framed: 4, missed: 3 }), cell(4, 0.4, { neutral: 3, flagged: 2, framed: 2, missed: 0 }), cell(0, null)],
			{ patterns: ['over-flagging', 'missing'] }
		);
		const { students, classHabits } = whoNeedsHelp(matrix([flagger, both, plain('Pat'), plain('Pip')]));
		expect(classHabits).toEqual([]);
		expect(students.map((s) => s.name)).toEqual(['Bea', 'Olly']);
		const [bea, olly] = students;
		expect(bea.reasons.map((r) => r.kind)).toEqual(['low-score', 'over-flagging', 'missing']);
		expect(bea.sentences[1]).toBe('Calls plain claims and neutral words framing or loaded: 3 of 5 (60%).');
		expect(bea.sentences[2]).toBe('Takes framing and loaded words as plain fact: 3 of 6 (50%).');
		expect(bea.lessons.map((l) => l.slug)).toEqual(['who-is-speaking', 'claims-and-framing']);
		expect(bea.lessons[0].why).toBe('30% on what was done, over-flagged 1 of 2, missed 3 of 4');
		// Olly over-flags in lesson 1 (3 of 4) and lesson 3 (1 of 3, above the 30% share): lesson 1 first.
		expect(olly.lessons.map((l) => [l.slug, l.why])).toEqual([
			['who-is-speaking', 'over-flagged 3 of 4'],
			['loaded-words', 'over-flagged 1 of 3']
		]);
	});

	it('names a habit the whole class shares once, for the class, and only the students clearly above it', () => {
		const missing = (name: string, missed: number) =>
			row(name, [cell(4, 0.8), cell(4, 0.7, { neutral: 0, flagged: 0, framed: 10, missed }), cell(0, null), cell(0, null)], { patterns: ['missing'] });
		// The class misses 4 + 4 + 5 + 9 = 22 of 40 (55%): Max (90%) stands out, the others do not.
		const help = whoNeedsHelp(matrix([missing('Ava', 4), missing('Bo', 4), missing('Cal', 5), missing('Max', 9)]));
		expect(help.classHabits).toEqual([
			{ kind: 'missing', part: 22, whole: 40, sentence: 'The class as a whole takes framing and loaded words as plain fact: 22 of 40 (55%). Worth taking up with everyone.' }
		]);
		expect(help.students.map((s) => s.name)).toEqual(['Max']);
	});

	it('lists a clearly worse after check, and names the students who have not started once others have', () => {
		const worse = row('Wes', [cell(4, 0.7), cell(4, 0.8), cell(0, null), cell(0, null)], { before: 0.6, after: 0.45, gain: { raw: -0.15, normalised: -0.375 } });
		const same = row('Sal', [cell(4, 0.7), cell(4, 0.8), cell(0, null), cell(0, null)], { before: 0.6, after: 0.59, gain: { raw: -0.01, normalised: -0.025 } });
		const idle = row('Ida', [cell(0, null), cell(0, null), cell(0, null), cell(0, null)]);
		const help = whoNeedsHelp(matrix([worse, same, idle]));
		// One point lower is the same result, give or take a question: Sal is not listed.
		expect(help.students.map((s) => s.sentences)).toEqual([['Did worse on the after check (45%) than on the before check (60%).']]);
		expect(help.notStarted).toEqual([{ userId: 'ida', name: 'Ida' }]);
		// In a class where nobody has started, nobody is singled out.
		expect(whoNeedsHelp(matrix([idle])).notStarted).toEqual([]);
	});

	it('says each reason in a sentence', () => {
		expect(reasonSentence({ kind: 'low-score', score: 0.214, answered: 27 })).toBe('Scores 21% on the 27 questions answered so far.');
	});
});
