// Checks that keep the quizzes measuring reading rather than test-taking, run with the rest of
// the content check:
// - a single-answer question's right option is the longest in at most a third of them;
// - no prompt contains the text of its own right option (or, where every item shares one
//   label, of that label);
// - the two diagnostics (lessons 00 and 10) are parallel forms: each item names its skill,
//   and both measure the same skills with questions of the same shape;
// - the after-diagnostic's passages are reserved: no other lesson quotes or asks about them.
// measurementReport() gives the figures behind the first and third (npm run content:report).
import type { Paragraph, Source } from '../../content/types';
import { SKILLS } from '../../quiz/common';
import { unitSpans } from '../../quiz/types/highlight/units';
import type { ContentIssue } from './errors';
import { findQuote } from './paragraphs';
import type { LoadedQuestion } from './questions';

export type Skill = (typeof SKILLS)[number];

/** Words test-takers learn to distrust in options; they should be as common in right as in wrong ones. */
const ABSOLUTE_WORDS = /\b(always|never|proves?|proven|must|everything|only|all|no one|nobody|cannot)\b/i;

/** At most this share of single-answer questions may have the longest option as their key. */
export const MAX_KEY_LONGEST_SHARE = 1 / 3;

interface MeasuredLesson {
	slug: string;
	file: string;
	diagnostic: 'before' | 'after' | null;
	questionIds: string[];
	quotes: { source: string; start: number; end: number }[];
}

interface ChoiceOption {
	id: string;
	text: string;
	correct: boolean;
}

type Definition = LoadedQuestion['definition'] & Record<string, unknown>;

const normalise = (text: string) =>
	text
		.toLowerCase()
		.replace(/[’‘]/g, "'")
		.replace(/[^\p{L}\p{N}' ]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();

const length = (text: string) => text.replace(/\s+/g, ' ').trim().length;

function singleAnswerOptions(question: LoadedQuestion): ChoiceOption[] | null {
	const definition = question.definition as Definition;
	return question.type === 'choice' && !definition.multiple ? (definition.options as ChoiceOption[]) : null;
}

/** Whether the right option is the longest (a tie with the longest counts). */
export function keyIsLongest(options: ChoiceOption[]): boolean {
	const key = options.find((o) => o.correct)!;
	return options.every((o) => length(o.text) <= length(key.text));
}

/** Whether each label's items are all next to each other (a, a, b, b, c), given 2 labels or more. */
export function inBlocks(labels: string[]): boolean {
	const runs = labels.filter((label, i) => i === 0 || labels[i - 1] !== label);
	return new Set(runs).size === runs.length && runs.length > 1;
}

/** Texts a question's own prompt must not contain: its right options, or a label every item has. */
function answerTexts(question: LoadedQuestion): string[] {
	const definition = question.definition as Definition;
	if (question.type === 'choice') return (definition.options as ChoiceOption[]).filter((o) => o.correct).map((o) => o.text);
	if (question.type === 'classify') {
		const items = definition.items as { label: string }[];
		const labels = definition.labels as { id: string; text: string }[];
		const shared = new Set(items.map((i) => i.label));
		return shared.size === 1 ? labels.filter((l) => shared.has(l.id)).map((l) => l.text) : [];
	}
	if (question.type === 'highlight') return (definition.targets as { text: string }[]).map((t) => t.text);
	return [];
}

/** Everything a question quotes: any object in its definition with a source and a text. */
function quotedTexts(value: unknown, inheritedSource?: string): { source: string; text: string; occurrence?: number }[] {
	if (Array.isArray(value)) return value.flatMap((v) => quotedTexts(v, inheritedSource));
	if (value === null || typeof value !== 'object') return [];
	const record = value as Record<string, unknown>;
	const own =
		typeof record.text === 'string' && typeof record.source === 'string'
			? [{ source: record.source, text: record.text, occurrence: record.occurrence as number | undefined }]
			: [];
	return [...own, ...Object.entries(record).flatMap(([key, v]) => (key === 'text' ? [] : quotedTexts(v, inheritedSource)))];
}

/** The stretch of source a quote stands for: the whole sentences of the article it touches. */
function reservedSpans(source: Source, start: number, end: number): [number, number][] {
	const spans: [number, number][] = [];
	for (const paragraph of source.paragraphs as Paragraph[]) {
		if (paragraph.end <= start || paragraph.start >= end) continue;
		if (paragraph.region !== 'body') return [[start, end]];
		for (const span of unitSpans(paragraph.text, 'sentence')) {
			const [s, e] = [paragraph.start + span.start, paragraph.start + span.end];
			if (s < end && e > start) spans.push([s, e]);
		}
	}
	return spans.length > 0 ? spans : [[start, end]];
}

function questionSpans(question: LoadedQuestion, sources: Map<string, Source>) {
	return quotedTexts(question.definition).flatMap((quote) => {
		const source = sources.get(quote.source);
		const found = source ? findQuote(source, quote.text, quote.occurrence) : null;
		return source && found?.ok ? [{ source: quote.source, text: quote.text, spans: reservedSpans(source, found.quote.start, found.quote.end) }] : [];
	});
}

/** A question's shape: what its partner in the other diagnostic must match. */
export function questionShape(question: LoadedQuestion): string {
	const d = question.definition as Definition;
	const count = (key: string) => (d[key] as unknown[]).length;
	switch (question.type) {
		case 'choice':
			return `choice, ${d.multiple ? 'several answers' : 'one answer'}, ${count('options')} options`;
		case 'classify':
			return `classify, ${count('items')} items, ${count('labels')} labels`;
		case 'highlight':
			return `highlight ${d.unit}s, ${count('targets')} targets`;
		case 'match':
			return `match, ${count('left')} pairs, ${count('right')} choices`;
		case 'respond':
			return `respond, ${count('fields')} fields`;
	}
}

/**
 * Whether a classify question asks learners to tell an anonymous source from a vague one: it
 * offers the label "anonymous" and keys at least one item "anonymous" or "vague". (The two texts
 * hold a single anonymous attribution, "Sources familiar with the discussions"; lesson 4 teaches
 * it and lesson 00 asks about it, so lesson 10, whose passages are reserved, measures the same
 * distinction on vague sources, with "anonymous" among the choices.)
 */
function asksAnonymousOrVague(question: LoadedQuestion): boolean {
	const d = question.definition as Definition;
	if (question.type !== 'classify') return false;
	const labels = (d.labels as { id: string }[]).map((l) => l.id);
	return labels.includes('anonymous') && (d.items as { label: string }[]).some((i) => i.label === 'anonymous' || i.label === 'vague');
}

export interface MeasurementReport {
	singleAnswer: number;
	keyLongest: string[];
	/** For single-answer questions: how many had their key at each authored position (0 = first). */
	authoredKeyPositions: number[];
	/** Choice options holding an absolute word (always, never, only…), right ones and wrong ones. */
	absoluteWords: { right: number; rightOptions: number; wrong: number; wrongOptions: number };
	/** For each skill, the before and after items. */
	skills: { skill: string; before: { id: string; shape: string }[]; after: { id: string; shape: string }[] }[];
}

export function measurementReport(lessons: MeasuredLesson[], questions: Map<string, LoadedQuestion>): MeasurementReport {
	const single = [...questions.values()].filter((q) => singleAnswerOptions(q));
	const authoredKeyPositions: number[] = [];
	for (const question of single) {
		const position = singleAnswerOptions(question)!.findIndex((o) => o.correct);
		authoredKeyPositions[position] = (authoredKeyPositions[position] ?? 0) + 1;
	}
	const items = (kind: 'before' | 'after') =>
		lessons
			.filter((l) => l.diagnostic === kind)
			.flatMap((l) => l.questionIds.map((id) => questions.get(id)!))
			.filter(Boolean);
	const table = new Map<string, MeasurementReport['skills'][number]>();
	for (const kind of ['before', 'after'] as const) {
		for (const question of items(kind)) {
			const skill = String((question.definition as Definition).skill ?? '(none)');
			const row = table.get(skill) ?? { skill, before: [], after: [] };
			row[kind].push({ id: question.definition.id, shape: questionShape(question) });
			table.set(skill, row);
		}
	}
	const options = [...questions.values()].flatMap((q) => (q.type === 'choice' ? ((q.definition as Definition).options as ChoiceOption[]) : []));
	const absolute = (o: ChoiceOption) => ABSOLUTE_WORDS.test(o.text);
	const right = options.filter((o) => o.correct);
	const wrong = options.filter((o) => !o.correct);
	return {
		absoluteWords: { right: right.filter(absolute).length, rightOptions: right.length, wrong: wrong.filter(absolute).length, wrongOptions: wrong.length },
		singleAnswer: single.length,
		keyLongest: single.filter((q) => keyIsLongest(singleAnswerOptions(q)!)).map((q) => q.definition.id),
		authoredKeyPositions: Array.from(authoredKeyPositions, (n) => n ?? 0),
		skills: [...table.values()]
	};
}

export function measurementIssues(
	lessons: MeasuredLesson[],
	questions: Map<string, LoadedQuestion>,
	sources: Map<string, Source>
): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const report = measurementReport(lessons, questions);

	if (report.keyLongest.length > report.singleAnswer * MAX_KEY_LONGEST_SHARE) {
		for (const id of report.keyLongest) {
			issues.push({
				file: questions.get(id)!.file,
				id,
				message: `the right option is the longest, as in ${report.keyLongest.length} of ${report.singleAnswer} single-answer questions (at most a third may be): shorten it or make the others as full`
			});
		}
	}

	for (const question of questions.values()) {
		const d = question.definition as Definition;
		// Items kept in reading order must not come in blocks of one label, or the order is the key.
		if (question.type === 'classify' && d.readingOrder) {
			const labels = (d.items as { label: string }[]).map((i) => i.label);
			if (labels.length >= 4 && inBlocks(labels)) {
				issues.push({
					file: question.file,
					id: question.definition.id,
					message: `its items keep their reading order, and their labels come in blocks (${labels.join(', ')}): reorder them or let them be shuffled`
				});
			}
		}
		const prompt = normalise(question.definition.prompt);
		for (const answer of answerTexts(question)) {
			if (normalise(answer) !== '' && prompt.includes(normalise(answer))) {
				issues.push({ file: question.file, id: question.definition.id, message: `the prompt gives away its own answer ("${answer}")` });
			}
		}
	}

	const before = lessons.find((l) => l.diagnostic === 'before');
	const after = lessons.find((l) => l.diagnostic === 'after');
	if (!before || !after) return issues;

	for (const lesson of [before, after]) {
		for (const id of lesson.questionIds) {
			const question = questions.get(id);
			if (!question) continue;
			// A written answer is scored by the learner, then a teacher: not a measure of the class's gain.
			if (question.type === 'respond') {
				issues.push({ file: question.file, id, message: 'respond questions do not belong in the diagnostics (lessons 00 and 10)' });
			}
			const skill = (question.definition as Definition).skill;
			if (!SKILLS.includes(skill as Skill)) {
				issues.push({ file: question.file, id, message: `a diagnostic question needs a skill: one of ${SKILLS.join(', ')}` });
			}
		}
		if (!lesson.questionIds.some((id) => questions.get(id) && asksAnonymousOrVague(questions.get(id)!))) {
			issues.push({
				file: lesson.file,
				id: lesson.slug,
				message: 'a diagnostic needs an attribution question that offers "anonymous" and keys an item anonymous or vague'
			});
		}
	}
	for (const row of report.skills) {
		const shapes = (list: { shape: string }[]) => list.map((i) => i.shape).sort().join(' | ');
		if (shapes(row.before) !== shapes(row.after)) {
			const ids = [...row.before, ...row.after].map((i) => i.id).join(', ');
			issues.push({
				file: `${before.file} and ${after.file}`,
				id: row.skill,
				message: `the diagnostics measure "${row.skill}" differently: before ${shapes(row.before) || 'nothing'}; after ${shapes(row.after) || 'nothing'} (${ids})`
			});
		}
	}

	return issues;
}

/**
 * Reserved passages: what the after-diagnostic asks about appears in no other lesson, so its
 * gain is not inflated by answers taught earlier. Whole sentences count: quoting part of a
 * sentence elsewhere uses it up.
 */
export function reservedPassageClashes(
	lessons: MeasuredLesson[],
	questions: Map<string, LoadedQuestion>,
	sources: Map<string, Source>
): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const after = lessons.find((l) => l.diagnostic === 'after');
	if (!after) return issues;
	const elsewhere: { where: string; source: string; spans: [number, number][] }[] = [];
	for (const lesson of lessons) {
		if (lesson === after) continue;
		for (const quote of lesson.quotes) {
			const source = sources.get(quote.source);
			if (source) elsewhere.push({ where: `${lesson.file} (a quote in the prose)`, source: quote.source, spans: reservedSpans(source, quote.start, quote.end) });
		}
		for (const id of lesson.questionIds) {
			const question = questions.get(id);
			if (!question) continue;
			for (const quoted of questionSpans(question, sources)) elsewhere.push({ where: `${question.file} (${id})`, ...quoted });
		}
	}
	for (const id of after.questionIds) {
		const question = questions.get(id);
		if (!question) continue;
		for (const quoted of questionSpans(question, sources)) {
			const clash = elsewhere.find(
				(other) => other.source === quoted.source && other.spans.some(([s, e]) => quoted.spans.some(([qs, qe]) => s < qe && e > qs))
			);
			if (clash) {
				issues.push({
					file: question.file,
					id,
					message: `"${quoted.text.slice(0, 60)}…" is in a sentence that ${clash.where} also quotes: the after-check must use passages no other lesson teaches`
				});
			}
		}
	}
	return issues;
}
