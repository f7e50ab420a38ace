import { describe, expect, it } from 'vitest';
import { findQuote, splitParagraphs } from './paragraphs';

const text = 'First line here.\n\n  Second line, indented.\nThird: again. Third: again.\n';
const source = { id: 'demo', text, paragraphs: splitParagraphs(text) };

describe('splitParagraphs', () => {
	it('numbers non-blank lines from 1 with their offsets', () => {
		expect(source.paragraphs).toEqual([
			{ n: 1, start: 0, end: 16, text: 'First line here.' },
			{ n: 2, start: 18, end: 42, text: '  Second line, indented.' },
			{ n: 3, start: 43, end: 70, text: 'Third: again. Third: again.' }
		]);
	});
});

describe('findQuote', () => {
	it('finds a unique quote with its paragraph and offsets', () => {
		const found = findQuote(source, 'Second line');
		expect(found).toEqual({
			ok: true,
			quote: { source: 'demo', text: 'Second line', occurrence: 1, paragraph: 2, start: 20, end: 31 }
		});
	});

	it('rejects an ambiguous quote unless the occurrence is named', () => {
		expect(findQuote(source, 'Third: again.')).toMatchObject({ ok: false, message: expect.stringMatching(/ambiguous/) });
		expect(findQuote(source, 'Third: again.', 2)).toMatchObject({ ok: true, quote: { start: 57, paragraph: 3 } });
	});

	it('rejects a quote that crosses a paragraph break', () => {
		expect(findQuote(source, 'here.\n\n  Second')).toEqual({
			ok: false,
			message: 'quote crosses a paragraph break; quote within one paragraph'
		});
	});

	it('rejects an empty or missing quote', () => {
		expect(findQuote(source, '  ')).toEqual({ ok: false, message: 'the quote is empty' });
		expect(findQuote(source, 'Fourth')).toEqual({ ok: false, message: 'quote not found in source "demo"' });
	});
});
