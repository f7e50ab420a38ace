import type { Lesson, Provenance, ResolvedQuote, SentenceAnnotation, Source } from '../../content/types';
import { quoteAnchor, quoteKey } from '../../content/types';

/** The short name a learner sees for a source, e.g. "Defapress (2026)". */
export function sourceLabel(provenance: Provenance): string {
	const year = (provenance.date.published ?? provenance.date.estimated ?? '').match(/\d{4}/)?.[0];
	return year ? `${provenance.outlet} (${year})` : provenance.outlet;
}

export interface SourceCard {
	id: string;
	name: string;
	title: string;
	genre: string;
}

export function sourceCard(source: Source): SourceCard {
	const { provenance } = source;
	return { id: source.id, name: sourceLabel(provenance), title: provenance.title, genre: provenance.genre };
}

/** Quotes keyed for the Quote component (see quoteKey). */
export function quotesByKey(lesson: Lesson): Record<string, ResolvedQuote> {
	return Object.fromEntries(lesson.quotes.map((q) => [quoteKey(q.source, q.text, q.occurrence), q]));
}

/**
 * "Back to the lesson" for a source opened from a lesson's quote: `?lesson=` must name a lesson
 * that uses this source (anything else is ignored), and leads back to the quote itself when the
 * highlighted range is one of that lesson's quotes.
 */
export function lessonBackLink(
	lessons: Lesson[],
	sourceId: string,
	slug: string | null,
	range: { from: number; to: number } | null
): { href: string; title: string } | null {
	const lesson = slug ? lessons.find((l) => l.slug === slug && l.sources.includes(sourceId)) : undefined;
	if (!lesson) return null;
	const quote = range && lesson.quotes.find((q) => q.source === sourceId && q.start === range.from && q.end === range.to);
	return { href: `/lessons/${lesson.slug}${quote ? `#${quoteAnchor(quote)}` : ''}`, title: lesson.title };
}

export interface Segment {
	text: string;
	highlighted: boolean;
}

export interface ParagraphView {
	n: number;
	region: 'before' | 'body' | 'after';
	segments: Segment[];
	highlighted: boolean;
}

/** Reads `?from=&to=` (offsets into the source) when they name a range inside one paragraph. */
export function highlightRange(source: Source, params: URLSearchParams): { from: number; to: number } | null {
	const from = Number(params.get('from'));
	const to = Number(params.get('to'));
	if (!params.has('from') || !params.has('to') || !Number.isInteger(from) || !Number.isInteger(to)) return null;
	if (from < 0 || to <= from || to > source.text.length) return null;
	return source.paragraphs.some((p) => p.start <= from && to <= p.end) ? { from, to } : null;
}

/** The source's paragraphs, the highlighted range (if any) split out so it can be marked. */
export function paragraphViews(source: Source, range: { from: number; to: number } | null): ParagraphView[] {
	return source.paragraphs.map((p) => {
		const inside = range !== null && p.start <= range.from && range.to <= p.end;
		const text = p.text.trim();
		if (!inside) return { n: p.n, region: p.region, segments: [{ text, highlighted: false }], highlighted: false };
		const lead = p.text.length - p.text.trimStart().length;
		const a = range.from - p.start - lead;
		const b = range.to - p.start - lead;
		const segments = [
			{ text: text.slice(0, a), highlighted: false },
			{ text: text.slice(a, b), highlighted: true },
			{ text: text.slice(b), highlighted: false }
		].filter((s) => s.text !== '');
		return { n: p.n, region: p.region, segments, highlighted: true };
	});
}

export interface AnnotatedSentence {
	kind: SentenceAnnotation['kind'];
	attribution: SentenceAnnotation['attribution'];
	speaker: string | null;
	note: string;
	/** The sentence cut so that loaded phrases can be marked. */
	segments: { text: string; loaded: boolean }[];
}

/** Splits a sentence around its loaded phrases (first occurrence of each, in text order). */
function loadedSegments(sentence: string, loaded: string[]): { text: string; loaded: boolean }[] {
	const ranges = loaded
		.map((phrase) => ({ start: sentence.indexOf(phrase), end: sentence.indexOf(phrase) + phrase.length }))
		.filter((r) => r.start >= 0)
		.sort((a, b) => a.start - b.start);
	const segments: { text: string; loaded: boolean }[] = [];
	let at = 0;
	for (const range of ranges) {
		if (range.start < at) continue; // overlapping phrases: keep the first
		if (range.start > at) segments.push({ text: sentence.slice(at, range.start), loaded: false });
		segments.push({ text: sentence.slice(range.start, range.end), loaded: true });
		at = range.end;
	}
	if (at < sentence.length) segments.push({ text: sentence.slice(at), loaded: false });
	return segments;
}

/** The annotation layer grouped by paragraph number, for the source viewer. */
export function annotatedParagraphs(annotations: SentenceAnnotation[]): Record<number, AnnotatedSentence[]> {
	const byParagraph: Record<number, AnnotatedSentence[]> = {};
	for (const a of annotations) {
		(byParagraph[a.paragraph] ??= []).push({
			kind: a.kind,
			attribution: a.attribution,
			speaker: a.speaker,
			note: a.note,
			segments: loadedSegments(a.sentence, a.loaded)
		});
	}
	return byParagraph;
}
