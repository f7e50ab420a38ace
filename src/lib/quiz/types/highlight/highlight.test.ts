import { describe, expect, it } from 'vitest';
import { highlight, type HighlightQuestion } from '.';

const PASSAGE = 'After the illegal kidnapping of the president, officials said talks would resume. Critics called it a plot.';
// Word units: After0 the1 illegal2 kidnapping3 of4 the5 president6 officials7 said8 talks9 would10
// resume11 Critics12 called13 it14 a15 plot16.
const words: HighlightQuestion = {
	id: 'loaded-words',
	type: 'highlight',
	prompt: 'Select the words that judge rather than report.',
	explanation: 'Loaded words pass a verdict; neutral ones only report.',
	unit: 'word',
	passage: { source: 'defapress-2026', text: PASSAGE },
	targets: [
		{ text: 'illegal kidnapping', feedback: 'Both words pass judgement before any court.' },
		{ text: 'plot', feedback: 'Calling it a plot imputes a secret scheme.' }
	],
	decoys: [{ text: 'officials said', feedback: 'Plain attribution; nothing is judged.' }]
};

const SENTENCES = `${PASSAGE} Dr. Lee disagreed.`;
const sentences: HighlightQuestion = {
	id: 'loaded-sentence',
	type: 'highlight',
	prompt: 'Select the sentence that judges.',
	explanation: 'Only one sentence names a verdict.',
	unit: 'sentence',
	passage: { source: 'defapress-2026', text: SENTENCES },
	targets: [{ text: 'Critics called it a plot.', feedback: 'A plot is a verdict, even when attributed.' }],
	decoys: [{ text: 'Dr. Lee disagreed.', feedback: 'Disagreeing is reported, not judged.' }]
};

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

const UNEXPECTED = 'The answer contained something this question does not ask for. Please reload the page and answer again.';
const NOT_IN_PASSAGE = 'Part of that answer is not in this passage. Please reload the page and try again.';
const WORD_FEEDBACK = 'This word is not one of the ones asked for. Look again at what it says, not how it feels.';
const SENTENCE_FEEDBACK = 'This sentence is not one of the ones asked for. Look again at what it does.';

function wrongWord(unit: number, word: string) {
	return { id: `wrong:${unit}`, verdict: 'incorrect', feedback: `“${word}”: ${WORD_FEEDBACK}` };
}

describe('highlight.toPublic', () => {
	it('cuts a word passage into units and gaps and strips targets, decoys and feedback', () => {
		const publicView = highlight.toPublic(words, 'v1');
		expect(JSON.stringify(publicView)).not.toMatch(
			/targets|decoys|feedback|explanation|passage|pass judgement|secret scheme|Plain attribution|pass a verdict/
		);
		const gap = (text: string) => ({ text, unit: null });
		expect(publicView).toEqual({
			id: 'loaded-words',
			type: 'highlight',
			prompt: 'Select the words that judge rather than report.',
			excerpt: null,
			unit: 'word',
			source: 'defapress-2026',
			unitCount: 17,
			checks: null,
			segments: [
				{ text: 'After', unit: 0 },
				gap(' '),
				{ text: 'the', unit: 1 },
				gap(' '),
				{ text: 'illegal', unit: 2 },
				gap(' '),
				{ text: 'kidnapping', unit: 3 },
				gap(' '),
				{ text: 'of', unit: 4 },
				gap(' '),
				{ text: 'the', unit: 5 },
				gap(' '),
				{ text: 'president', unit: 6 },
				gap(', '),
				{ text: 'officials', unit: 7 },
				gap(' '),
				{ text: 'said', unit: 8 },
				gap(' '),
				{ text: 'talks', unit: 9 },
				gap(' '),
				{ text: 'would', unit: 10 },
				gap(' '),
				{ text: 'resume', unit: 11 },
				gap('. '),
				{ text: 'Critics', unit: 12 },
				gap(' '),
				{ text: 'called', unit: 13 },
				gap(' '),
				{ text: 'it', unit: 14 },
				gap(' '),
				{ text: 'a', unit: 15 },
				gap(' '),
				{ text: 'plot', unit: 16 },
				gap('.')
			]
		});
	});

	it('cuts a sentence passage into sentences, not after "Dr."', () => {
		const publicView = highlight.toPublic(sentences, 'v1');
		expect(JSON.stringify(publicView)).not.toMatch(/targets|decoys|feedback|explanation|even when attributed|reported, not judged|names a verdict/);
		expect(publicView).toEqual({
			id: 'loaded-sentence',
			type: 'highlight',
			prompt: 'Select the sentence that judges.',
			excerpt: null,
			unit: 'sentence',
			source: 'defapress-2026',
			unitCount: 3,
			checks: null,
			segments: [
				{ text: 'After the illegal kidnapping of the president, officials said talks would resume.', unit: 0 },
				{ text: ' ', unit: null },
				{ text: 'Critics called it a plot.', unit: 1 },
				{ text: ' ', unit: null },
				{ text: 'Dr. Lee disagreed.', unit: 2 }
			]
		});
	});

	it('passes the excerpt through', () => {
		const excerpt = { source: 'defapress-2026', text: 'TEHRAN (Defapress)' };
		expect(highlight.toPublic({ ...words, excerpt }, 'v1').excerpt).toEqual({ source: 'defapress-2026', text: 'TEHRAN (Defapress)' });
	});
});

describe('highlight.parseResponse', () => {
	const publicWords = highlight.toPublic(words, 'v1');
	const publicSentences = highlight.toPublic(sentences, 'v1');

	it('reads the selected units in ascending order', () => {
		const result = highlight.parseResponse(
			form([
				['questionId', 'loaded-words'],
				['unit', '16'],
				['unit', '2'],
				['unit', '3']
			]),
			publicWords
		);
		expect(result).toEqual({ ok: true, response: { selected: [2, 3, 16] } });
	});

	it('asks for a selection when the form is empty, naming the unit', () => {
		expect(highlight.parseResponse(form([]), publicWords)).toEqual({
			ok: false,
			error: 'Select at least one word before checking.'
		});
		expect(highlight.parseResponse(form([]), publicSentences)).toEqual({
			ok: false,
			error: 'Select at least one sentence before checking.'
		});
	});

	it('reads every unit selected', () => {
		const all = Array.from({ length: 17 }, (_, i) => i);
		const result = highlight.parseResponse(form(all.map((i): [string, string] => ['unit', String(i)])), publicWords);
		expect(result).toEqual({ ok: true, response: { selected: all } });
	});

	it('collapses the same unit sent twice', () => {
		const result = highlight.parseResponse(
			form([
				['unit', '3'],
				['unit', '3'],
				['unit', '2']
			]),
			publicWords
		);
		expect(result).toEqual({ ok: true, response: { selected: [2, 3] } });
	});

	it('refuses an index past the last unit', () => {
		expect(highlight.parseResponse(form([['unit', '17']]), publicWords)).toEqual({ ok: false, error: NOT_IN_PASSAGE });
		expect(highlight.parseResponse(form([['unit', '3']]), publicSentences)).toEqual({ ok: false, error: NOT_IN_PASSAGE });
		expect(highlight.parseResponse(form([['unit', '2']]), publicSentences)).toEqual({
			ok: true,
			response: { selected: [2] }
		});
	});

	it('refuses negative, fractional, blank and non-numeric indexes', () => {
		for (const value of ['-1', '1.5', '', ' 2', '1e1', 'abc', '0x1']) {
			expect(highlight.parseResponse(form([['unit', '2'], ['unit', value]]), publicWords)).toEqual({
				ok: false,
				error: NOT_IN_PASSAGE
			});
		}
	});

	it('refuses a forged extra field', () => {
		expect(highlight.parseResponse(form([['unit', '2'], ['earned', '1']]), publicWords)).toEqual({
			ok: false,
			error: UNEXPECTED
		});
		expect(highlight.parseResponse(form([['unit', '2'], ['unit-3', 'on']]), publicWords)).toEqual({
			ok: false,
			error: UNEXPECTED
		});
	});
});

describe('highlight.grade', () => {
	it('gives precision 1, recall 1 and full marks for exactly the targets', () => {
		expect(highlight.grade(words, { selected: [2, 3, 16] })).toEqual({
			earned: 1,
			total: 1,
			measures: { precision: 1, recall: 1, f1: 1 },
			parts: [
				{ id: 'target:2,3', verdict: 'correct', feedback: 'Both words pass judgement before any court.' },
				{ id: 'target:16', verdict: 'correct', feedback: 'Calling it a plot imputes a secret scheme.' }
			]
		});
	});

	it('scores selecting every word low: each neutral word picked counts against the learner', () => {
		const grade = highlight.grade(words, { selected: Array.from({ length: 17 }, (_, i) => i) });
		expect(grade.measures?.precision).toBe(3 / 17);
		expect(grade.measures?.recall).toBe(1);
		expect(grade.measures?.f1).toBeCloseTo(0.3, 12);
		expect(grade.earned).toBeCloseTo(0.3, 12);
		expect(grade.earned).toBeLessThan(0.5);
		expect(grade.parts).toEqual([
			{ id: 'target:2,3', verdict: 'correct', feedback: 'Both words pass judgement before any court.' },
			{ id: 'target:16', verdict: 'correct', feedback: 'Calling it a plot imputes a secret scheme.' },
			{ id: 'wrong:7,8', verdict: 'incorrect', feedback: 'Plain attribution; nothing is judged.' },
			wrongWord(0, 'After'),
			wrongWord(1, 'the'),
			wrongWord(4, 'of'),
			wrongWord(5, 'the'),
			wrongWord(6, 'president'),
			wrongWord(9, 'talks'),
			wrongWord(10, 'would'),
			wrongWord(11, 'resume'),
			wrongWord(12, 'Critics'),
			wrongWord(13, 'called'),
			wrongWord(14, 'it'),
			wrongWord(15, 'a')
		]);
	});

	it('marks a multi-word target with only some words picked as partial', () => {
		const grade = highlight.grade(words, { selected: [2, 16] });
		expect(grade.parts).toEqual([
			{ id: 'target:2,3', verdict: 'partial', feedback: 'Both words pass judgement before any court.' },
			{ id: 'target:16', verdict: 'correct', feedback: 'Calling it a plot imputes a secret scheme.' }
		]);
		expect(grade.measures?.precision).toBe(1);
		expect(grade.measures?.recall).toBe(2 / 3);
		expect(grade.measures?.f1).toBeCloseTo(0.8, 12);
		expect(grade.earned).toBe(grade.measures?.f1);
	});

	it('gives a decoy pick the decoy’s feedback, naming only the decoy units picked', () => {
		const grade = highlight.grade(words, { selected: [2, 3, 8, 16] });
		expect(grade.parts).toEqual([
			{ id: 'target:2,3', verdict: 'correct', feedback: 'Both words pass judgement before any court.' },
			{ id: 'target:16', verdict: 'correct', feedback: 'Calling it a plot imputes a secret scheme.' },
			{ id: 'wrong:8', verdict: 'incorrect', feedback: 'Plain attribution; nothing is judged.' }
		]);
		expect(grade.measures?.precision).toBe(3 / 4);
		expect(grade.measures?.recall).toBe(1);
		expect(grade.measures?.f1).toBeCloseTo(6 / 7, 12);
	});

	it('gives a wrong pick with no decoy the generic feedback quoting the word, and nothing for all wrong', () => {
		expect(highlight.grade(words, { selected: [14] })).toEqual({
			earned: 0,
			total: 1,
			measures: { precision: 0, recall: 0, f1: 0 },
			parts: [
				{ id: 'target:2,3', verdict: 'missed', feedback: 'Both words pass judgement before any court.' },
				{ id: 'target:16', verdict: 'missed', feedback: 'Calling it a plot imputes a secret scheme.' },
				{
					id: 'wrong:14',
					verdict: 'incorrect',
					feedback: '“it”: This word is not one of the ones asked for. Look again at what it says, not how it feels.'
				}
			]
		});
	});

	it('grades sentences the same way, quoting a wrong sentence whole', () => {
		expect(highlight.grade(sentences, { selected: [1] })).toEqual({
			earned: 1,
			total: 1,
			measures: { precision: 1, recall: 1, f1: 1 },
			parts: [{ id: 'target:1', verdict: 'correct', feedback: 'A plot is a verdict, even when attributed.' }]
		});
		const all = highlight.grade(sentences, { selected: [0, 1, 2] });
		expect(all.measures).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5 });
		expect(all.earned).toBe(0.5);
		expect(all.parts).toEqual([
			{ id: 'target:1', verdict: 'correct', feedback: 'A plot is a verdict, even when attributed.' },
			{ id: 'wrong:2', verdict: 'incorrect', feedback: 'Disagreeing is reported, not judged.' },
			{
				id: 'wrong:0',
				verdict: 'incorrect',
				feedback: `“After the illegal kidnapping of the president, officials said talks would resume.”: ${SENTENCE_FEEDBACK}`
			}
		]);
	});
});

describe('highlight.validate', () => {
	const context = { findQuote: () => null };

	it('accepts a consistent question', () => {
		expect(highlight.validate(words, context)).toEqual([]);
		expect(highlight.validate(sentences, context)).toEqual([]);
	});

	it('rejects a target that does not start and end on word boundaries', () => {
		const broken: HighlightQuestion = {
			...words,
			targets: [
				{ text: 'illegal kidnap', feedback: 'Cut mid-word.' },
				{ text: 'president,', feedback: 'Ends on punctuation.' }
			]
		};
		expect(highlight.validate(broken, context)).toEqual([
			'target "illegal kidnap": must start and end on whole units (words or sentences)',
			'target "president,": must start and end on whole units (words or sentences)'
		]);
	});

	it('rejects a target that does not cover whole sentences', () => {
		const broken: HighlightQuestion = {
			...sentences,
			targets: [
				{ text: 'Critics called it a plot', feedback: 'Without the full stop.' },
				{ text: 'called it a plot.', feedback: 'Starts mid-sentence.' }
			]
		};
		expect(highlight.validate(broken, context)).toEqual([
			'target "Critics called it a plot": must start and end on whole units (words or sentences)',
			'target "called it a plot.": must start and end on whole units (words or sentences)'
		]);
	});

	it('rejects a target or decoy that is not in the passage, or occurs twice', () => {
		const broken: HighlightQuestion = {
			...words,
			targets: [
				{ text: 'conspiracy', feedback: 'Not there.' },
				{ text: 'the', feedback: 'Twice.' }
			],
			decoys: [{ text: 'officials stated', feedback: 'Misquoted.' }]
		};
		expect(highlight.validate(broken, context)).toEqual([
			'target "conspiracy": not found in the passage',
			'target "the": occurs more than once in the passage',
			'decoy "officials stated": not found in the passage'
		]);
	});

	it('rejects a target overlapping another target, and a decoy overlapping a target', () => {
		const targets: HighlightQuestion = {
			...words,
			targets: [...words.targets, { text: 'kidnapping of', feedback: 'Overlaps.' }]
		};
		expect(highlight.validate(targets, context)).toEqual(['target "kidnapping of" overlaps "illegal kidnapping"']);
		const decoys: HighlightQuestion = { ...words, decoys: [{ text: 'the illegal', feedback: 'Overlaps.' }] };
		expect(highlight.validate(decoys, context)).toEqual(['decoy "the illegal" overlaps "illegal kidnapping"']);
	});

	it('checks the passage against the sources (the excerpt is the loader’s job)', () => {
		const missing = { findQuote: () => 'not found in defapress-2026' };
		expect(highlight.validate(words, missing)).toEqual(['passage: not found in defapress-2026']);
		const withExcerpt: HighlightQuestion = { ...words, excerpt: { source: 'defapress-2026', text: 'TEHRAN (Defapress)' } };
		expect(highlight.validate(withExcerpt, missing)).toEqual(['passage: not found in defapress-2026']);
	});
});

describe('highlight phrases on unit boundaries', () => {
	it('finds a short word that also sits inside a longer one', async () => {
		const { unitSpans, unitsOfPhrase } = await import('./units');
		const text = 'Critics said it was a plot.';
		expect(unitsOfPhrase(text, unitSpans(text, 'word'), 'it')).toEqual({ ok: true, units: [2] });
	});
});

describe('highlight.discernment', () => {
	it('counts neutral decoy words picked and loaded target words left, for questions tied to the loaded-words layer', () => {
		const tied: HighlightQuestion = { ...words, checks: 'loaded' };
		// Words: After(0) the(1) illegal(2) kidnapping(3) of(4) the(5) president(6) officials(7) said(8) ...
		expect(highlight.discernment!(tied, { selected: [2, 3, 8] })).toEqual({ neutral: 2, flagged: 1, framed: 3, missed: 1 });
		expect(highlight.discernment!(tied, { selected: [2, 3] })).toEqual({ neutral: 2, flagged: 0, framed: 3, missed: 1 });
	});

	it('has nothing to count when the question is not about loaded words', () => {
		expect(highlight.discernment!(words, { selected: [7, 8] })).toEqual({ neutral: 0, flagged: 0, framed: 0, missed: 0 });
	});
});
