/** A passage cut into selectable units and the text between them. */
export interface Segment {
	text: string;
	/** Index of the unit, or null for text between units (spaces, punctuation). */
	unit: number | null;
}

export interface UnitSpan {
	start: number;
	end: number;
}

// Words: letters, digits, apostrophes and hyphens (so "US-imposed" and "Iran’s" are one word).
const WORD = /[\p{L}\p{N}’'-]+/gu;

/** Sentence ends: . ? ! (and closing quotes) before a space and a capital, digit or quote. */
function sentenceSpans(text: string): UnitSpan[] {
	const spans: UnitSpan[] = [];
	let start = 0;
	const boundary = /[.?!]["”’)]*(?=\s+["“‘(]?[\p{Lu}\p{N}])/gu;
	for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
		const end = match.index + match[0].length;
		// Not after a single initial such as "Joseph M." or an abbreviation like "U.S.".
		const before = text.slice(start, match.index + 1);
		if (/(?:^|\s)(?:\p{Lu}|[\p{Lu}]\.[\p{Lu}]|Mr|Mrs|Ms|Dr|St)\.$/u.test(before)) continue;
		spans.push({ start, end });
		start = end;
		while (start < text.length && /\s/.test(text[start])) start += 1;
	}
	if (text.slice(start).trim() !== '') spans.push({ start, end: text.trimEnd().length });
	return spans;
}

function wordSpans(text: string): UnitSpan[] {
	return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export function unitSpans(text: string, unit: 'word' | 'sentence'): UnitSpan[] {
	return unit === 'word' ? wordSpans(text) : sentenceSpans(text);
}

/** The passage as alternating gaps and units, for rendering. */
export function segmentsOf(text: string, spans: UnitSpan[]): Segment[] {
	const segments: Segment[] = [];
	let at = 0;
	spans.forEach((span, index) => {
		if (span.start > at) segments.push({ text: text.slice(at, span.start), unit: null });
		segments.push({ text: text.slice(span.start, span.end), unit: index });
		at = span.end;
	});
	if (at < text.length) segments.push({ text: text.slice(at), unit: null });
	return segments;
}

/**
 * The unit indexes a quoted phrase covers, or an error when it does not occur exactly once on
 * unit boundaries in the passage (so "it" is not found inside "Critics").
 */
export function unitsOfPhrase(
	text: string,
	spans: UnitSpan[],
	phrase: string
): { ok: true; units: number[] } | { ok: false; message: string } {
	const matches: number[][] = [];
	spans.forEach((span, first) => {
		if (!text.startsWith(phrase, span.start)) return;
		const last = spans.findIndex((s) => s.end === span.start + phrase.length);
		if (last >= first) matches.push(Array.from({ length: last - first + 1 }, (_, i) => first + i));
	});
	if (matches.length === 1) return { ok: true, units: matches[0] };
	if (matches.length > 1) return { ok: false, message: 'occurs more than once in the passage' };
	return text.includes(phrase)
		? { ok: false, message: 'must start and end on whole units (words or sentences)' }
		: { ok: false, message: 'not found in the passage' };
}
