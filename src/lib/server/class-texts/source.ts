// A class text as a course source: the pasted text kept verbatim, its provenance in the shape of
// lessons/sources/<id>.yaml, checked by the same validateSource as the course's own files.
import { stringify as stringifyYaml } from 'yaml';
import type { Genre, Provenance, ProvenanceFields, Source } from '../../content/types';
import { abbreviate, type ContentIssue } from '../content/errors';
import { bodySentences, type SourceSentence } from '../content/sentences';
import { sha256Hex, validateSource } from '../content/sources';

/** Longest text an instructor may paste: a long news article is 8,000–12,000 characters. */
export const MAX_TEXT_CHARS = 20_000;
/** Texts one class may hold (each is a small amount of data, but a list should stay a list). */
export const MAX_TEXTS_PER_CLASS = 30;
export const MAX_FIELD_CHARS = 300;

export const GENRES: Genre[] = ['news rewrite', 'analysis', 'wire report'];

export type { ProvenanceFields } from '../../content/types';

export const PROVENANCE_FIELD_NAMES: (keyof ProvenanceFields)[] = [
	'title',
	'outlet',
	'outletAbout',
	'author',
	'published',
	'estimated',
	'clue',
	'url',
	'genre'
];

export type FieldErrors = Partial<Record<keyof ProvenanceFields | 'text', string>>;

/**
 * The text as pasted. Browsers send a textarea's line breaks as CR LF whatever was typed, so
 * those become LF (what the course's files use); nothing else is changed.
 */
export function pastedText(value: string): string {
	return value.replace(/\r\n?/g, '\n');
}

/** A source id for the text: its title's words and the year, like `gae-2023`. */
export function slugFor(title: string, year: string | null, taken: Set<string>): string {
	const words = title
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
		.split(' ')
		.filter(Boolean)
		.slice(0, 5);
	const base = [...words, ...(year ? [year] : [])].join('-').slice(0, 50).replace(/-+$/, '') || 'text';
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	return slug;
}

/** Checks the typed fields and the text; on success, the provenance as the course stores it. */
export function checkTextForm(
	fields: ProvenanceFields,
	rawText: string,
	slug: string
): { ok: true; provenance: Provenance; text: string } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const f = Object.fromEntries(PROVENANCE_FIELD_NAMES.map((name) => [name, fields[name].normalize('NFC').trim()])) as unknown as ProvenanceFields;
	for (const name of PROVENANCE_FIELD_NAMES) {
		if (f[name].length > MAX_FIELD_CHARS) errors[name] = `Keep this to ${MAX_FIELD_CHARS} characters.`;
	}
	if (!f.title) errors.title = 'Give the title (the headline) of the text.';
	if (!f.outlet) errors.outlet = 'Say where it was published (the outlet).';
	if (!f.outletAbout) errors.outletAbout = 'Say in a line what the outlet is, so students know who speaks.';
	if (f.published && !/^\d{4}-\d{2}-\d{2}$/.test(f.published)) errors.published = 'Give the date as year-month-day, e.g. 2026-02-14.';
	else if (f.published && Number.isNaN(Date.parse(`${f.published}T00:00:00Z`))) errors.published = 'That date does not exist.';
	if (!f.published && !f.estimated) errors.published = 'Give the date it was published, or an estimate with the clue below.';
	if (!f.published && !f.clue) errors.clue = 'Say how you know or estimated the date.';
	if (f.url && !/^https?:\/\/[^\s]+$/.test(f.url)) errors.url = 'Give a web address starting with http:// or https://, or leave it empty.';
	if (!GENRES.includes(f.genre as Genre)) errors.genre = 'Choose the kind of text.';
	const text = pastedText(rawText);
	if (text.trim() === '') errors.text = 'Paste the text of the article.';
	else if (text.length > MAX_TEXT_CHARS) {
		errors.text = `The text has ${text.length.toLocaleString('en')} characters; the limit is ${MAX_TEXT_CHARS.toLocaleString('en')}. Paste a shorter part of it.`;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const provenance: Provenance = {
		id: slug,
		title: f.title,
		headlineNote: null,
		outlet: f.outlet,
		outletAbout: f.outletAbout,
		author: f.author || null,
		authorNote: null,
		date: {
			published: f.published || null,
			estimated: f.published ? null : f.estimated,
			clue: f.clue || 'The date printed with the text.'
		},
		genre: f.genre as Genre,
		language: 'en',
		url: f.url || null,
		sha256: sha256Hex(text),
		body: null,
		notes: ['Added to a class by its instructor.']
	};
	return { ok: true, provenance, text };
}

/** The typed fields of a stored provenance, to fill the edit form. */
export function fieldsOf(provenance: Provenance): ProvenanceFields {
	return {
		title: provenance.title,
		outlet: provenance.outlet,
		outletAbout: provenance.outletAbout,
		author: provenance.author ?? '',
		published: provenance.date.published ?? '',
		estimated: provenance.date.estimated ?? '',
		clue: provenance.date.clue,
		url: provenance.url ?? '',
		genre: provenance.genre
	};
}

/** The provenance as the course's `<id>.yaml` file. */
export function provenanceYaml(provenance: Provenance): string {
	return stringifyYaml(provenance, { lineWidth: 0 });
}

/**
 * The text as a course source, through the course's own validateSource (digest, schema, body
 * quotes). Returns the issues instead when anything is wrong.
 */
export function classTextSource(provenance: Provenance, text: string): { ok: true; source: Source } | { ok: false; issues: ContentIssue[] } {
	const issues: ContentIssue[] = [];
	const source = validateSource(provenance.id, Buffer.from(text, 'utf8'), provenanceYaml(provenance), issues);
	return source ? { ok: true, source } : { ok: false, issues };
}

/** A sentence of the text with its place: index in the text, paragraph, and which occurrence of its words. */
export interface NumberedSentence extends SourceSentence {
	index: number;
	/** Which occurrence in the whole text these words are (1 unless the sentence is repeated). */
	occurrence: number;
	/** How many times these words occur in the whole text. */
	occurrences: number;
}

/** The sentences of the text, cut by the course's splitter (content/sentences.ts). */
export function numberedSentences(source: Source): NumberedSentence[] {
	const sentences = bodySentences(source);
	return sentences.map((sentence, index) => {
		const paragraph = source.paragraphs.find((p) => p.n === sentence.paragraph)!;
		const starts: number[] = [];
		for (let at = source.text.indexOf(sentence.text); at !== -1; at = source.text.indexOf(sentence.text, at + 1)) starts.push(at);
		const within = paragraph.start + paragraph.text.indexOf(sentence.text);
		const earlierInParagraph = sentences.slice(0, index).filter((s) => s.paragraph === sentence.paragraph && s.text === sentence.text).length;
		// The occurrence inside this paragraph's span, counting repeats earlier in the same paragraph.
		let occurrence = starts.filter((s) => s < within).length + 1 + earlierInParagraph;
		occurrence = Math.min(occurrence, starts.length);
		return { ...sentence, index, occurrence, occurrences: starts.length };
	});
}

/** "sentence 4 “The minister said…”": how problems name a sentence. */
export function sentenceLabel(sentence: { index: number; text: string }): string {
	return `sentence ${sentence.index + 1} “${abbreviate(sentence.text, 50)}”`;
}
