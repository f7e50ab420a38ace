import { describe, expect, it } from 'vitest';
import { checkTextForm, classTextSource, MAX_TEXT_CHARS, numberedSentences, pastedText, slugFor, type ProvenanceFields } from './source';

const FIELDS: ProvenanceFields = {
	title: 'Council votes to close the library',
	outlet: 'The Daily Example',
	outletAbout: 'A local newspaper.',
	author: 'A. Writer',
	published: '2026-02-14',
	estimated: '',
	clue: '',
	url: 'https://example.org/library',
	genre: 'news rewrite'
};

/** The sentences of a pasted text, as the course's splitter cuts them. */
function sentencesOf(pasted: string): string[] {
	const checked = checkTextForm(FIELDS, pasted, 'library-2026');
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	const built = classTextSource(checked.provenance, checked.text);
	if (!built.ok) throw new Error(JSON.stringify(built.issues));
	return numberedSentences(built.source).map((s) => s.text);
}

describe('splitting a pasted text into sentences', () => {
	it('cuts at full stops, question and exclamation marks before a capital', () => {
		expect(sentencesOf('The council met on Monday. Was it legal? Critics say no! The vote was 5 to 4.')).toEqual([
			'The council met on Monday.',
			'Was it legal?',
			'Critics say no!',
			'The vote was 5 to 4.'
		]);
	});

	it('keeps a closing quotation mark with its sentence, and starts one at an opening mark', () => {
		expect(sentencesOf('“This is a disgrace.” The mayor disagreed. She said: “We had no choice.” “None at all,” she added.')).toEqual([
			'“This is a disgrace.”',
			'The mayor disagreed.',
			'She said: “We had no choice.”',
			'“None at all,” she added.'
		]);
		expect(sentencesOf('He called it "a scandal." Others were quiet.')).toEqual(['He called it "a scandal."', 'Others were quiet.']);
	});

	it('does not cut after initials, U.S. or titles such as Mr and Dr', () => {
		expect(sentencesOf('Joseph M. Humire spoke. U.S. officials agreed with Dr. Smith and Mr. Jones. Then they left.')).toEqual([
			'Joseph M. Humire spoke.',
			'U.S. officials agreed with Dr. Smith and Mr. Jones.',
			'Then they left.'
		]);
	});

	it('does not cut inside numbers or lower-case continuations', () => {
		expect(sentencesOf('The budget fell by 2.5 per cent. it was e.g. smaller than planned.')).toEqual([
			'The budget fell by 2.5 per cent. it was e.g. smaller than planned.'
		]);
	});

	it('treats every line as a paragraph: a sentence never crosses a line break, blank lines are skipped', () => {
		const text = 'Headline without a full stop\n\nFirst paragraph. Second sentence\ncontinues on a new line.\r\n\r\nLast one.';
		expect(sentencesOf(text)).toEqual(['Headline without a full stop', 'First paragraph.', 'Second sentence', 'continues on a new line.', 'Last one.']);
	});

	it('numbers repeated sentences by occurrence, so each can be quoted', () => {
		const checked = checkTextForm(FIELDS, 'Stop.\nWe said it. Stop.\nStop.', 'x');
		if (!checked.ok) throw new Error('form');
		const built = classTextSource(checked.provenance, checked.text);
		if (!built.ok) throw new Error('source');
		expect(numberedSentences(built.source).map((s) => [s.text, s.occurrence, s.occurrences])).toEqual([
			['Stop.', 1, 3],
			['We said it.', 1, 1],
			['Stop.', 2, 3],
			['Stop.', 3, 3]
		]);
	});
});

describe('the text form', () => {
	it('keeps the text verbatim apart from the browser’s CR LF line breaks', () => {
		expect(pastedText('a\r\nb\rc\n  d  ')).toBe('a\nb\nc\n  d  ');
		const checked = checkTextForm(FIELDS, '  Odd  spacing , kept.\r\n', 'x');
		expect(checked.ok && checked.text).toBe('  Odd  spacing , kept.\n');
	});

	it('refuses a text over the limit, and says the limit', () => {
		const checked = checkTextForm(FIELDS, 'a'.repeat(MAX_TEXT_CHARS + 1), 'x');
		expect(checked.ok).toBe(false);
		expect(!checked.ok && checked.errors.text).toContain('20,000');
	});

	it('asks for a date or an estimate with its clue, a title, an outlet and a genre', () => {
		const checked = checkTextForm({ ...FIELDS, title: ' ', published: '', genre: 'poem' }, 'Text.', 'x');
		expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual(['clue', 'genre', 'published', 'title']);
		const estimated = checkTextForm({ ...FIELDS, published: '', estimated: 'early 2026', clue: 'It mentions the February vote.' }, 'Text.', 'x');
		expect(estimated.ok && estimated.provenance.date).toEqual({ published: null, estimated: 'early 2026', clue: 'It mentions the February vote.' });
	});

	it('makes a source id from the title and year, unique in the class', () => {
		expect(slugFor('Council votes to close the library!', '2026', new Set())).toBe('council-votes-to-close-the-2026');
		expect(slugFor('Crème brûlée', null, new Set(['creme-brulee']))).toBe('creme-brulee-2');
	});
});
