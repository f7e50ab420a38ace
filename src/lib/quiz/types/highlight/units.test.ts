import { describe, expect, it } from 'vitest';
import { segmentsOf, unitSpans, unitsOfPhrase } from './units';

describe('word units', () => {
	it('keeps apostrophes and hyphens inside words and leaves punctuation out', () => {
		const text = 'Now it is Bolivia’s turn to be pressured by US-imposed foreign policy.';
		const words = unitSpans(text, 'word').map((s) => text.slice(s.start, s.end));
		expect(words).toEqual(['Now', 'it', 'is', 'Bolivia’s', 'turn', 'to', 'be', 'pressured', 'by', 'US-imposed', 'foreign', 'policy']);
	});

	it('renders as alternating units and gaps that rebuild the text', () => {
		const text = '“Plot,” they said.';
		const segments = segmentsOf(text, unitSpans(text, 'word'));
		expect(segments.map((s) => s.text).join('')).toBe(text);
		expect(segments.filter((s) => s.unit !== null).map((s) => s.text)).toEqual(['Plot', 'they', 'said']);
	});
});

describe('sentence units', () => {
	it('splits at sentence ends but not after an initial', () => {
		const text = 'Joseph M. Humire tweeted. Bolivia voted “NO” in 2023! Why? 12 countries did.';
		const sentences = unitSpans(text, 'sentence').map((s) => text.slice(s.start, s.end));
		expect(sentences).toEqual(['Joseph M. Humire tweeted.', 'Bolivia voted “NO” in 2023!', 'Why?', '12 countries did.']);
	});

	it('treats a passage without an end mark as one sentence', () => {
		const text = 'That’s how the cookie will continue to crumble';
		expect(unitSpans(text, 'sentence')).toEqual([{ start: 0, end: text.length }]);
	});
});

describe('unitsOfPhrase', () => {
	const text = 'after the illegal kidnapping of Venezuelan President Nicolas Maduro, US officials';
	const spans = unitSpans(text, 'word');

	it('maps a phrase to the words it covers', () => {
		expect(unitsOfPhrase(text, spans, 'illegal kidnapping')).toEqual({ ok: true, units: [2, 3] });
	});

	it('rejects a phrase that cuts a word, is missing or repeats', () => {
		expect(unitsOfPhrase(text, spans, 'legal kidnapping')).toMatchObject({ ok: false });
		expect(unitsOfPhrase(text, spans, 'plot')).toEqual({ ok: false, message: 'not found in the passage' });
		expect(unitsOfPhrase('a b a', unitSpans('a b a', 'word'), 'a')).toEqual({
			ok: false,
			message: 'occurs more than once in the passage'
		});
	});
});
