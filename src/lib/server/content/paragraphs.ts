import type { Paragraph, ResolvedQuote } from '../../content/types';

/**
 * Splits a source into paragraphs: every non-blank line is one, numbered from 1 in file
 * order. The numbers are stable because source files never change (their SHA-256 is checked).
 */
export function splitParagraphs(text: string): Omit<Paragraph, 'region'>[] {
	const paragraphs: Omit<Paragraph, 'region'>[] = [];
	let start = 0;
	for (const line of text.split('\n')) {
		const end = start + line.length;
		if (line.trim() !== '') {
			paragraphs.push({ n: paragraphs.length + 1, start, end, text: line });
		}
		start = end + 1;
	}
	return paragraphs;
}

export type QuoteLookup =
	| { ok: true; quote: ResolvedQuote }
	| { ok: false; message: string };

/** Every offset at which `needle` starts in `haystack`. */
function occurrencesOf(haystack: string, needle: string): number[] {
	const found: number[] = [];
	for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
		found.push(at);
	}
	return found;
}

/**
 * Finds a quotation in its source. It must occur exactly once, unless `occurrence` says which
 * one is meant, and it must lie within one paragraph.
 */
export function findQuote(
	source: { id: string; text: string; paragraphs: Omit<Paragraph, 'region'>[] },
	text: string,
	occurrence?: number
): QuoteLookup {
	if (text.trim() === '') return { ok: false, message: 'the quote is empty' };
	const found = occurrencesOf(source.text, text);
	if (found.length === 0) {
		return { ok: false, message: `quote not found in source "${source.id}"` };
	}
	if (occurrence === undefined && found.length > 1) {
		return {
			ok: false,
			message: `quote is ambiguous: it occurs ${found.length} times in source "${source.id}"; quote more words or say which occurrence (1–${found.length})`
		};
	}
	const index = (occurrence ?? 1) - 1;
	if (index < 0 || index >= found.length) {
		return {
			ok: false,
			message: `occurrence ${occurrence} asked for, but the quote occurs ${found.length} time${found.length === 1 ? '' : 's'} in source "${source.id}"`
		};
	}
	const start = found[index];
	const end = start + text.length;
	const paragraph = source.paragraphs.find((p) => p.start <= start && end <= p.end);
	if (!paragraph) {
		return { ok: false, message: 'quote crosses a paragraph break; quote within one paragraph' };
	}
	return {
		ok: true,
		quote: { source: source.id, text, occurrence: index + 1, paragraph: paragraph.n, start, end }
	};
}
