// Content shapes shared by server code and components. Answer keys never appear here:
// anything in this file may reach the browser.

export type Genre = 'news rewrite' | 'analysis' | 'wire report';

/** One non-empty line of a source file; `n` is its stable anchor (`#p-n`). */
export interface Paragraph {
	n: number;
	/** Offsets into the source text (UTF-16 code units), end exclusive. */
	start: number;
	end: number;
	text: string;
	/** Scraped pages: site furniture before the article, the article body, furniture after. */
	region: 'before' | 'body' | 'after';
}

export interface Provenance {
	id: string;
	title: string;
	headlineNote: string | null;
	outlet: string;
	outletAbout: string;
	author: string | null;
	authorNote: string | null;
	date: { published: string | null; estimated: string | null; clue: string };
	genre: Genre;
	language: string;
	url: string | null;
	sha256: string;
	body: { first: string; last: string } | null;
	notes: string[];
}

export interface Source {
	id: string;
	provenance: Provenance;
	text: string;
	paragraphs: Paragraph[];
}

/** A quotation placed in a lesson, found in its source. */
export interface ResolvedQuote {
	source: string;
	text: string;
	occurrence: number;
	paragraph: number;
	start: number;
	end: number;
}

export interface LessonSummary {
	slug: string;
	number: number;
	title: string;
	summary: string;
	minutes: number;
}

/** A `##` section of a lesson: its heading's id and words, and the questions placed in it. */
export interface LessonSection {
	id: string;
	title: string;
	questionIds: string[];
}

export interface Lesson extends LessonSummary {
	/** Folder under lessons/, e.g. `01-who-is-speaking`. */
	dir: string;
	objectives: string[];
	sources: string[];
	quotes: ResolvedQuote[];
	questionIds: string[];
	/** The lesson's sections in page order, for the progress bar that jumps to them. */
	sections: LessonSection[];
	/** 'before' or 'after' for the diagnostic check-yourself lessons, else null. */
	diagnostic: 'before' | 'after' | null;
	previous: LessonSummary | null;
	next: LessonSummary | null;
}

/** Key under which a quote is looked up by the Quote component. */
export function quoteKey(source: string, text: string, occurrence = 1): string {
	return `${source}\u0000${occurrence}\u0000${text}`;
}

/**
 * Link to the exact place of a quote in the source viewer. From a lesson, the lesson's slug goes
 * along (`lesson=`), so the viewer can lead back to the quote in the lesson.
 */
export function quoteHref(quote: ResolvedQuote, lessonSlug?: string): string {
	const lesson = lessonSlug ? `&lesson=${encodeURIComponent(lessonSlug)}` : '';
	return `/sources/${quote.source}?from=${quote.start}&to=${quote.end}${lesson}#p-${quote.paragraph}`;
}

/** The id of a quote's place in a lesson page, which the source viewer's "Back to the lesson" links to. */
export function quoteAnchor(quote: { source: string; start: number; end: number }): string {
	return `quote-${quote.source}-${quote.start}-${quote.end}`;
}

/** What the annotation layer says about one sentence of an article body. */
export interface SentenceAnnotation {
	paragraph: number;
	sentence: string;
	kind: 'claim' | 'framing' | 'mixed';
	attribution: 'named' | 'anonymous' | 'vague' | 'none';
	speaker: string | null;
	/** Loaded words and phrases, quoted from the sentence. */
	loaded: string[];
	note: string;
}

/** What the instructor types about a text; everything but the text itself. */
export interface ProvenanceFields {
	title: string;
	outlet: string;
	outletAbout: string;
	author: string;
	published: string;
	estimated: string;
	clue: string;
	url: string;
	genre: string;
}
