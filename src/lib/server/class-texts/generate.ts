// A practice set proposed from an annotated class text, in the course's question format:
// claim / framing / mixed on a balanced sample (plain claims included, so over-flagging shows),
// who the sources are, the sentences stated with no source, and loaded words with neutral decoys
// from the same sentence. Feedback comes from the instructor's notes.
import type { SentenceAnnotation, Source } from '../../content/types';
import { unitSpans, unitsOfPhrase } from '../../quiz/types/highlight/units';
import type { ContentIssue } from '../content/errors';
import { validateQuestionList } from '../content/questions';
import type { QuestionDefinition } from './store';

type Annotated = SentenceAnnotation & { index: number; occurrence: number };

/** Most items in a classify question: enough to show a pattern, few enough to read. */
export const CLASSIFY_ITEMS = 8;
export const LOADED_QUESTIONS = 3;
export const DECOYS_PER_QUESTION = 2;
/** Most questions a set may have (after the instructor's edits too). */
export const MAX_QUESTIONS = 12;

const KIND_LABELS = [
	{ id: 'claim', text: 'Checkable claim' },
	{ id: 'framing', text: 'Framing' },
	{ id: 'mixed', text: 'Mixed' }
];
const ATTRIBUTION_LABELS = [
	{ id: 'named', text: 'Named source' },
	{ id: 'anonymous', text: 'Anonymous source' },
	{ id: 'vague', text: 'Vague source' },
	{ id: 'none', text: 'No source' }
];

/** Words too plain to be worth offering as a neutral decoy (they would teach nothing). */
const FUNCTION_WORDS = new Set(
	'about above after again against also among because been before being between both could during each from have having here into itself more most other over said same should some such than that their them then there these they this those through under until very were what when where which while with would your says told'.split(
		' '
	)
);

/** `n` items spread evenly over the list (the first, the last and between), keeping their order. */
export function spread<T>(items: T[], n: number): T[] {
	if (n >= items.length) return [...items];
	if (n <= 0) return [];
	if (n === 1) return [items[Math.floor(items.length / 2)]];
	return Array.from({ length: n }, (_, k) => items[Math.round((k * (items.length - 1)) / (n - 1))]);
}

function quoteOf(sentence: Annotated): { text: string; occurrence?: number } {
	return sentence.occurrence > 1 ? { text: sentence.sentence, occurrence: sentence.occurrence } : { text: sentence.sentence };
}

const itemId = (k: number) => String.fromCharCode(97 + k);

/** One sentence per text: a repeated sentence has one annotation and is asked about once. */
function distinct(sentences: Annotated[]): Annotated[] {
	const seen = new Set<string>();
	return sentences.filter((s) => !seen.has(s.sentence) && seen.add(s.sentence));
}

function kindQuestion(source: Source, annotated: Annotated[], notes: string[]): QuestionDefinition | null {
	const claims = annotated.filter((a) => a.kind === 'claim');
	const framed = annotated.filter((a) => a.kind !== 'claim');
	let picked: Annotated[];
	const each = Math.min(CLASSIFY_ITEMS / 2, claims.length, framed.length);
	if (each > 0) {
		picked = [...spread(claims, each), ...spread(framed, each)];
	} else {
		picked = spread(annotated, Math.min(6, annotated.length));
		if (picked.length >= 2) {
			notes.push(
				claims.length === 0
					? 'No sentence is annotated as a plain claim, so the claim/framing question cannot show over-flagging.'
					: 'No sentence is annotated as framing or mixed, so the claim/framing question has only plain claims.'
			);
		}
	}
	if (picked.length < 2) {
		notes.push('Annotate at least two sentences for the claim/framing question.');
		return null;
	}
	picked.sort((a, b) => a.index - b.index);
	return {
		id: 'claim-or-framing',
		type: 'classify',
		prompt: `Label each sentence from “${source.provenance.title}” as a checkable claim, framing, or mixed.`,
		labels: KIND_LABELS,
		items: picked.map((s, k) => ({ id: itemId(k), source: source.id, ...quoteOf(s), label: s.kind, feedback: s.note })),
		explanation:
			'A checkable claim says something evidence could show true or false. Framing judges, or tells you how to feel. Mixed wraps a checkable core in framing. Some of these sentences are plain claims on purpose: calling a plain claim framing is as much a mistake as missing framing.'
	};
}

function attributionQuestion(source: Source, annotated: Annotated[], notes: string[]): QuestionDefinition | null {
	const groups = ATTRIBUTION_LABELS.map((label) => annotated.filter((a) => a.attribution === label.id)).filter((g) => g.length > 0);
	if (groups.length < 2) {
		notes.push('The sources question needs sentences with at least two kinds of source (named, anonymous, vague, none).');
		return null;
	}
	// Round robin over the kinds present, each kind's sentences spread over the text.
	const per = groups.map((g) => spread(g, Math.ceil(CLASSIFY_ITEMS / groups.length)));
	const picked: Annotated[] = [];
	for (let round = 0; picked.length < CLASSIFY_ITEMS && per.some((g) => g.length > round); round++) {
		for (const g of per) if (g[round] && picked.length < CLASSIFY_ITEMS) picked.push(g[round]);
	}
	picked.sort((a, b) => a.index - b.index);
	return {
		id: 'who-says-so',
		type: 'classify',
		prompt: 'Who, according to the text, stands behind each sentence? Label it by the kind of source it gives.',
		labels: ATTRIBUTION_LABELS,
		items: picked.map((s, k) => ({
			id: itemId(k),
			source: source.id,
			...quoteOf(s),
			label: s.attribution,
			feedback: s.speaker ? `${s.note} (Source: ${s.speaker}.)` : s.note
		})),
		explanation:
			'A named source can be looked up; an anonymous one is described but not named; a vague one ("experts say") cannot be traced; with no source, the text asks you to take its word.'
	};
}

/** Which occurrence of `passage` in the source starts at `offset`. */
function occurrenceAt(source: Source, passage: string, offset: number): number {
	let n = 0;
	for (let at = source.text.indexOf(passage); at !== -1 && at <= offset; at = source.text.indexOf(passage, at + 1)) n += 1;
	return n;
}

function unsourcedQuestion(source: Source, annotated: Annotated[], notes: string[]): QuestionDefinition | null {
	const byIndex = new Map(annotated.map((a) => [a.index, a]));
	let best: { run: Annotated[]; score: number } | null = null;
	for (const paragraph of source.paragraphs.filter((p) => p.region === 'body')) {
		const inParagraph = [...byIndex.values()].filter((a) => a.paragraph === paragraph.n);
		const cut = unitSpans(paragraph.text.trim(), 'sentence').length;
		// Only whole paragraphs' runs of annotated sentences: an unannotated sentence in the passage could be a right answer.
		for (let start = 0; start < inParagraph.length; start++) {
			for (let end = start + 2; end <= Math.min(inParagraph.length, start + 4); end++) {
				const run = inParagraph.slice(start, end);
				if (run.some((s, k) => k > 0 && s.index !== run[k - 1].index + 1)) continue;
				if (new Set(run.map((s) => s.sentence)).size !== run.length) continue;
				const none = run.filter((s) => s.attribution === 'none').length;
				const sourced = run.length - none;
				if (none === 0 || sourced === 0 || cut < 2) continue;
				const score = Math.min(none, sourced) * 10 + run.length;
				if (!best || score > best.score) best = { run, score };
			}
		}
	}
	if (!best) {
		notes.push('The no-source question needs a paragraph with two or more annotated sentences in a row, at least one with a source and one without.');
		return null;
	}
	const run = best.run;
	const paragraph = source.paragraphs.find((p) => p.n === run[0].paragraph)!;
	const text = paragraph.text.trim();
	const from = text.indexOf(run[0].sentence);
	const last = run[run.length - 1].sentence;
	let to = text.indexOf(last, from) + last.length;
	for (let k = 1; k < run.length; k++) to = Math.max(to, text.indexOf(run[k].sentence, from) + run[k].sentence.length);
	const passage = text.slice(from, to);
	const offset = paragraph.start + (paragraph.text.length - paragraph.text.trimStart().length) + from;
	const occurrence = occurrenceAt(source, passage, offset);
	return {
		id: 'no-source',
		type: 'highlight',
		checks: 'unattributed',
		prompt: 'Select the sentence or sentences in this passage that give no source at all for what they say.',
		unit: 'sentence',
		passage: { source: source.id, text: passage, ...(occurrence > 1 ? { occurrence } : {}) },
		targets: run.filter((s) => s.attribution === 'none').map((s) => ({ text: s.sentence, feedback: s.note })),
		decoys: run
			.filter((s) => s.attribution !== 'none')
			.map((s) => ({ text: s.sentence, feedback: `This sentence gives a source (${s.attribution}${s.speaker ? `: ${s.speaker}` : ''}). ${s.note}` })),
		explanation:
			'A sentence with no source is stated in the text’s own voice: the writer asks you to take it on trust. A name, an office or even a vague “officials say” at least tells you where to look.'
	};
}

/**
 * Neutral decoys for a loaded-words question: words of the same sentence that no loaded phrase
 * covers, worth reading (not "the" or "said"), each once in the sentence, spread over it.
 */
export function neutralDecoys(sentence: string, loaded: string[], count = DECOYS_PER_QUESTION): string[] {
	const spans = unitSpans(sentence, 'word');
	const covered = new Set<number>();
	for (const phrase of loaded) {
		const found = unitsOfPhrase(sentence, spans, phrase);
		if (found.ok) found.units.forEach((u) => covered.add(u));
	}
	const candidates = spans
		.map((span, unit) => ({ unit, word: sentence.slice(span.start, span.end) }))
		.filter(({ unit, word }) => !covered.has(unit) && /\p{L}{4,}/u.test(word) && !FUNCTION_WORDS.has(word.toLowerCase()))
		.filter(({ word }) => {
			const found = unitsOfPhrase(sentence, spans, word);
			return found.ok && found.units.length === 1;
		});
	return spread(candidates, count).map((c) => c.word);
}

function loadedQuestions(source: Source, annotated: Annotated[], notes: string[]): QuestionDefinition[] {
	const withLoaded = distinct(annotated)
		.map((s) => {
			const spans = unitSpans(s.sentence, 'word');
			const phrases = s.loaded.filter((p) => {
				const found = unitsOfPhrase(s.sentence, spans, p);
				return found.ok;
			});
			return { s, phrases };
		})
		.filter((x) => x.phrases.length > 0);
	if (withLoaded.length === 0) {
		notes.push('No sentence has loaded words marked, so there is no loaded-words question.');
		return [];
	}
	const chosen = [...withLoaded]
		.sort((a, b) => b.phrases.length - a.phrases.length || a.s.index - b.s.index)
		.slice(0, LOADED_QUESTIONS)
		.sort((a, b) => a.s.index - b.s.index);
	return chosen.map(({ s, phrases }, k) => ({
		id: `loaded-words-${k + 1}`,
		type: 'highlight',
		checks: 'loaded',
		prompt: 'Select the words in this sentence that judge, or tell you how to feel. Leave the words that only report.',
		unit: 'word',
		passage: { source: source.id, ...quoteOf(s) },
		targets: phrases.map((phrase) => ({ text: phrase, feedback: `“${phrase}” is loaded here. ${s.note}` })),
		decoys: neutralDecoys(s.sentence, phrases).map((word) => ({
			text: word,
			feedback: `“${word}” is a plain word here: it names or reports something and judges nothing.`
		})),
		explanation: s.note
	}));
}

export interface Proposal {
	questions: QuestionDefinition[];
	/** Why a kind of question is missing or weaker, for the instructor. */
	notes: string[];
}

/** The practice set the annotation supports (only annotated sentences are used). */
export function proposePractice(source: Source, annotated: Annotated[]): Proposal {
	const notes: string[] = [];
	const unique = distinct(annotated);
	const questions = [
		kindQuestion(source, unique, notes),
		attributionQuestion(source, unique, notes),
		unsourcedQuestion(source, annotated, notes),
		...loadedQuestions(source, annotated, notes)
	].filter((q): q is QuestionDefinition => q !== null);
	return { questions, notes };
}

/**
 * The course's own checks of a questions.yaml (each type's schema, every quote found in the
 * source, keys consistent with the options), and the keys of whole annotated sentences against
 * their annotation (as annotations.real.test.ts checks for the course).
 */
export function checkPractice(source: Source, questions: unknown[], annotated: SentenceAnnotation[] | null, file = 'questions.yaml'): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const { questions: valid, definedIds } = validateQuestionList(questions, file, '', new Map([[source.id, source]]), issues);
	const seen = new Set<string>();
	for (const id of definedIds) {
		if (seen.has(id)) issues.push({ file, id, message: 'duplicate question id' });
		seen.add(id);
	}
	if (questions.length > MAX_QUESTIONS) issues.push({ file, id: null, message: `a practice set has at most ${MAX_QUESTIONS} questions` });
	if (!annotated) return issues;
	const bySentence = new Map(annotated.map((a) => [a.sentence, a]));
	for (const question of valid) {
		const d = question.definition as unknown as {
			id: string;
			labels?: { id: string }[];
			items?: { id: string; text: string; label: string }[];
			checks?: string;
			targets?: { text: string }[];
			decoys?: { text: string }[];
		};
		if (question.type === 'classify' && d.labels && d.items) {
			const labelIds = d.labels.map((l) => l.id);
			const layer = labelIds.every((l) => ['claim', 'framing', 'mixed'].includes(l))
				? 'kind'
				: labelIds.every((l) => ['named', 'anonymous', 'vague', 'none'].includes(l))
					? 'attribution'
					: null;
			if (!layer) continue;
			for (const item of d.items) {
				const a = bySentence.get(item.text);
				if (a && a[layer] !== item.label) {
					issues.push({ file, id: d.id, message: `item "${item.id}" is labelled "${item.label}" but the annotation of that sentence says "${a[layer]}"` });
				}
			}
		}
		if (question.type === 'highlight' && d.checks === 'unattributed') {
			for (const t of d.targets ?? []) {
				const a = bySentence.get(t.text);
				if (a && a.attribution !== 'none') issues.push({ file, id: d.id, message: `target "${t.text.slice(0, 40)}…" has a source in the annotation` });
			}
			for (const t of d.decoys ?? []) {
				const a = bySentence.get(t.text);
				if (a && a.attribution === 'none') issues.push({ file, id: d.id, message: `decoy "${t.text.slice(0, 40)}…" has no source in the annotation` });
			}
		}
		if (question.type === 'highlight' && d.checks === 'loaded') {
			const loaded = annotated.flatMap((a) => a.loaded);
			for (const t of d.decoys ?? []) {
				const words = (text: string) => unitSpans(text, 'word').map((span) => text.slice(span.start, span.end).toLowerCase());
				const decoyWords = words(t.text);
				if (loaded.some((phrase) => words(phrase).some((w) => decoyWords.includes(w)) && d.targets?.some((x) => x.text === phrase))) {
					issues.push({ file, id: d.id, message: `decoy "${t.text}" is (part of) a loaded phrase in the annotation` });
				}
			}
		}
	}
	return issues;
}
