// Annotating a class text in the browser, one sentence at a time, with the course's scheme:
// entries in the shape of lessons/sources/<id>.annotations.yaml. Loaded phrases are chosen on
// the word units of highlight questions, so every phrase starts and ends on whole words.
import type { SentenceAnnotation, Source } from '../../content/types';
import { unitSpans, type UnitSpan } from '../../quiz/types/highlight/units';
import { validateAnnotations } from '../content/annotations';
import type { ContentIssue } from '../content/errors';
import type { NumberedSentence } from './source';

export const KINDS = ['claim', 'framing', 'mixed'] as const;
export const ATTRIBUTIONS = ['named', 'anonymous', 'vague', 'none'] as const;
export const MAX_NOTE_CHARS = 300;

/** One entry of an .annotations.yaml file. */
export interface AnnotationEntry {
	sentence: string;
	kind: (typeof KINDS)[number];
	attribution: (typeof ATTRIBUTIONS)[number];
	speaker?: string;
	loaded: string[];
	note: string;
}

export interface WordUnit {
	index: number;
	text: string;
}

/** The sentence's words (units) and the text between them, for the word toggles. */
export function wordUnits(sentence: string): { spans: UnitSpan[]; words: WordUnit[] } {
	const spans = unitSpans(sentence, 'word');
	return { spans, words: spans.map((s, index) => ({ index, text: sentence.slice(s.start, s.end) })) };
}

/**
 * Loaded phrases from the selected word indexes: each run of neighbouring selected words is one
 * phrase, quoted from the sentence with what lies between its words.
 */
export function phrasesFromWords(sentence: string, selected: number[]): string[] {
	const { spans } = wordUnits(sentence);
	const picked = [...new Set(selected)].filter((i) => i >= 0 && i < spans.length).sort((a, b) => a - b);
	const phrases: string[] = [];
	let runStart = -1;
	picked.forEach((unit, k) => {
		if (runStart === -1) runStart = unit;
		const next = picked[k + 1];
		if (next !== unit + 1) {
			phrases.push(sentence.slice(spans[runStart].start, spans[unit].end));
			runStart = -1;
		}
	});
	return phrases;
}

/** The word indexes a stored entry's loaded phrases cover (to show them selected again). */
export function wordsOfPhrases(sentence: string, phrases: string[]): number[] {
	const { spans } = wordUnits(sentence);
	const covered: number[] = [];
	for (const phrase of phrases) {
		const at = sentence.indexOf(phrase);
		if (at === -1) continue;
		spans.forEach((span, index) => {
			if (span.start >= at && span.end <= at + phrase.length) covered.push(index);
		});
	}
	return covered;
}

export type AnnotationFormErrors = Partial<Record<'kind' | 'attribution' | 'speaker' | 'note' | 'loaded', string>>;

/** Reads one sentence's annotation form (kind, attribution, speaker, word toggles, note). */
export function readAnnotationForm(
	sentence: string,
	form: { kind: string; attribution: string; speaker: string; note: string; words: string[] }
): { ok: true; entry: AnnotationEntry } | { ok: false; errors: AnnotationFormErrors } {
	const errors: AnnotationFormErrors = {};
	const kind = KINDS.find((k) => k === form.kind);
	const attribution = ATTRIBUTIONS.find((a) => a === form.attribution);
	const speaker = form.speaker.normalize('NFC').trim();
	const note = form.note.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (!kind) errors.kind = 'Choose claim, framing or mixed.';
	if (!attribution) errors.attribution = 'Choose who the sentence says it comes from (or no source).';
	if (attribution && attribution !== 'none' && !speaker) errors.speaker = `Say who the ${attribution} source is.`;
	if (speaker.length > MAX_NOTE_CHARS) errors.speaker = `Keep this to ${MAX_NOTE_CHARS} characters.`;
	if (!note) errors.note = 'Write a one-line note: it becomes the feedback students read.';
	if (note.length > MAX_NOTE_CHARS) errors.note = `Keep the note to one line (${MAX_NOTE_CHARS} characters).`;
	const { spans } = wordUnits(sentence);
	const indexes: number[] = [];
	for (const value of form.words) {
		const n = Number(value);
		if (!/^\d+$/.test(value) || n >= spans.length) {
			errors.loaded = 'Part of that selection is not in this sentence. Please reload the page.';
			break;
		}
		indexes.push(n);
	}
	if (Object.keys(errors).length > 0 || !kind || !attribution) return { ok: false, errors };
	const loaded = phrasesFromWords(sentence, indexes);
	return {
		ok: true,
		entry: {
			sentence,
			kind,
			attribution,
			...(attribution !== 'none' ? { speaker } : {}),
			loaded,
			note
		}
	};
}

/** Stores one sentence's entry among the others, in text order (entries are keyed by their sentence). */
export function withEntry(entries: AnnotationEntry[], entry: AnnotationEntry, sentences: NumberedSentence[]): AnnotationEntry[] {
	const byText = new Map(entries.map((e) => [e.sentence, e]));
	byText.set(entry.sentence, entry);
	const order = [...new Set(sentences.map((s) => s.text))];
	return order.filter((text) => byText.has(text)).map((text) => byText.get(text)!);
}

/** How many of the text's sentences have an annotation ("14 of 31 sentences annotated"). */
export function annotationProgress(entries: AnnotationEntry[], sentences: NumberedSentence[]): { annotated: number; sentences: number } {
	const annotated = new Set(entries.map((e) => e.sentence));
	return { annotated: sentences.filter((s) => annotated.has(s.text)).length, sentences: sentences.length };
}

/** The entries that still fit the text (after an edit of the text, a changed sentence loses its entry). */
export function entriesStillInText(entries: AnnotationEntry[], sentences: NumberedSentence[]): AnnotationEntry[] {
	const texts = new Set(sentences.map((s) => s.text));
	return entries.filter((e) => texts.has(e.sentence));
}

/** The annotation layer of the sentences annotated so far, in text order (what preview and generation read). */
export function annotatedSentences(entries: AnnotationEntry[], sentences: NumberedSentence[]): (SentenceAnnotation & { index: number; occurrence: number })[] {
	const byText = new Map(entries.map((e) => [e.sentence, e]));
	return sentences.flatMap((s) => {
		const entry = byText.get(s.text);
		if (!entry) return [];
		return [
			{
				index: s.index,
				occurrence: s.occurrence,
				paragraph: s.paragraph,
				sentence: s.text,
				kind: entry.kind,
				attribution: entry.attribution,
				speaker: entry.speaker ?? null,
				loaded: entry.loaded,
				note: entry.note
			}
		];
	});
}

/**
 * The full check of the course's annotation loader (every sentence annotated once, loaded
 * phrases in their sentence, speakers named): what an exported .annotations.yaml must pass.
 */
export function checkAnnotations(source: Source, entries: unknown, file: string): { ok: true; annotations: SentenceAnnotation[] } | { ok: false; issues: ContentIssue[] } {
	const issues: ContentIssue[] = [];
	const annotations = validateAnnotations(source, entries, file, issues);
	return annotations ? { ok: true, annotations } : { ok: false, issues };
}
