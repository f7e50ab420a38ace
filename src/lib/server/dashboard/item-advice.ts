// Item analysis in plain language: what a question's first answers say, in words a teacher can
// act on, built from the data (the facility band, the most chosen wrong answer and the feedback
// authored for it), and each statistic explained in a sentence about this question's value.
//
// The wrong answer is read per question type, from the same counts the question page shows
// (firstResponseCounts: "value" for lists, "key=value" for pairs). That reading belongs with
// each type's `summarize` in src/lib/quiz/types/<type>/ (a `mostCommonMistake` beside it);
// until then it lives here, one function per registered type (TypeScript refuses a type
// without one).
import type { QuestionTypeName } from '../../quiz/registry';
import type { ChoiceQuestion } from '../../quiz/types/choice';
import type { ClassifyQuestion } from '../../quiz/types/classify';
import type { HighlightQuestion } from '../../quiz/types/highlight';
import { unitSpans, unitsOfPhrase } from '../../quiz/types/highlight/units';
import type { MatchQuestion } from '../../quiz/types/match';
import { abbreviate } from '../content/errors';
import { EFFICIENCY_THRESHOLD, MIN_FIRST_ATTEMPTS, type ItemStatistics } from './item-stats';

export type FacilityBand = 'few' | 'easy' | 'mixed' | 'hard';

export interface ItemAdvice {
	band: FacilityBand;
	/** How the class did, in one sentence. */
	summary: string;
	/** What to do about it, from the most common mistake; null when there are too few answers. */
	action: string | null;
	/** Why the question itself may need a look, when it is flagged; else null. */
	review: string | null;
}

export interface StatisticLine {
	name: string;
	/** As shown: a whole number (a percentage for efficiency), or "—". */
	value: string;
	/** What this value means for this question, in a sentence or two. */
	sentence: string;
}

/** A facility (0–100) at or above this is easy for the class, below MIXED_FROM hard. */
export const EASY_FROM = 80;
export const MIXED_FROM = 50;
/** A wrong answer is worth naming when at least this share of the class gave it (and 2 students). */
const NOTABLE_SHARE = 0.2;

/** A statistic as the pages show it: rounded, never "−0", with a real minus sign. */
export function shownNumber(x: number | null): string {
	if (x === null) return '—';
	const rounded = Math.round(x);
	return rounded < 0 ? `−${-rounded}` : `${rounded === 0 ? 0 : rounded}`;
}

const shownPercent = (x: number | null) => (x === null ? '—' : `${shownNumber(x)}%`);

export function facilityBand(stats: Pick<ItemStatistics, 'attempts' | 'facility'>): FacilityBand {
	if (stats.attempts < MIN_FIRST_ATTEMPTS || stats.facility === null) return 'few';
	return stats.facility >= EASY_FROM ? 'easy' : stats.facility >= MIXED_FROM ? 'mixed' : 'hard';
}

/** "Most students (14 of 25)", or "6 of 25 students". */
function who(count: number, attempts: number): string {
	return count * 2 > attempts ? `Most students (${count} of ${attempts})` : `${count} of ${attempts} students`;
}

/**
 * The first sentence of an authored feedback text that says something, to point at what to go
 * over: a bare verdict in front ("Right.", "Not quite.") is skipped.
 */
export function firstSentence(text: string): string {
	const sentences = text.replace(/\s+/g, ' ').trim().match(/[^.!?]+(?:[.!?]+["”’)]*|$)/g) ?? [text];
	// Sentence ends only where a new sentence starts (a space, then a capital or an opening quote).
	const joined: string[] = [];
	for (const piece of sentences) {
		const previous = joined.at(-1);
		const continues = !/^\s+["“‘(]?[A-Z0-9]/.test(piece) || /(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|e\.g|i\.e|[A-Z])\.$/.test(previous ?? '');
		if (previous !== undefined && continues) joined[joined.length - 1] = previous + piece;
		else joined.push(piece);
	}
	const trimmed = joined.map((s) => s.trim()).filter(Boolean);
	return trimmed.find((s) => s.split(' ').length >= 3) ?? trimmed[0] ?? text.trim();
}

const quoted = (text: string, max = 70) => `“${abbreviate(text.replace(/\s+/g, ' ').trim(), max)}”`;

/** The most common mistake on first attempts: how many made it, and what to do, in words. */
interface Mistake {
	count: number;
	sentence: string;
}

type MistakeReader<Q> = (question: Q, counts: Map<string, number>, attempts: number) => Mistake | null;

function best(candidates: Mistake[]): Mistake | null {
	return candidates.reduce<Mistake | null>((top, c) => (c.count > (top?.count ?? 0) ? c : top), null);
}

const choiceMistake: MistakeReader<ChoiceQuestion> = (question, counts, attempts) => {
	const right = question.options.filter((o) => o.correct);
	const wrongPicks = question.options
		.filter((o) => !o.correct)
		.map((option) => ({
			count: counts.get(option.id) ?? 0,
			sentence:
				`${who(counts.get(option.id) ?? 0, attempts)} chose ${quoted(option.text)}` +
				(question.multiple ? ', which is not one of the right answers. ' : ` instead of ${quoted(right[0].text)}. `) +
				`Go over why it is wrong: ${firstSentence(option.feedback)}`
		}));
	// With several right answers, leaving one out is a mistake too.
	const leftOut = question.multiple
		? right.map((option) => ({
				count: attempts - (counts.get(option.id) ?? 0),
				sentence: `${who(attempts - (counts.get(option.id) ?? 0), attempts)} left out ${quoted(option.text)}, one of the right answers. Go over why it belongs: ${firstSentence(option.feedback)}`
			}))
		: [];
	return best([...wrongPicks, ...leftOut]);
};

const classifyMistake: MistakeReader<ClassifyQuestion> = (question, counts, attempts) => {
	const labelText = new Map(question.labels.map((l) => [l.id, l.text]));
	return best(
		question.items.flatMap((item) =>
			question.labels
				.filter((label) => label.id !== item.label)
				.map((label) => {
					const count = counts.get(`${item.id}=${label.id}`) ?? 0;
					const rightText = labelText.get(item.label) ?? item.label;
					return {
						count,
						sentence:
							`${who(count, attempts)} labelled ${quoted(item.text)} “${label.text}”; it is “${rightText}”. ` +
							`Revisit the difference between ${label.text.toLowerCase()} and ${rightText.toLowerCase()}: ${firstSentence(item.feedback)}`
					};
				})
		)
	);
};

const matchMistake: MistakeReader<MatchQuestion> = (question, counts, attempts) => {
	const rightText = new Map(question.right.map((r) => [r.id, r.text]));
	return best(
		question.left.flatMap((item) =>
			question.right
				.filter((partner) => partner.id !== item.match)
				.map((partner) => {
					const count = counts.get(`${item.id}=${partner.id}`) ?? 0;
					return {
						count,
						sentence:
							`${who(count, attempts)} paired ${quoted(item.text)} with ${quoted(partner.text)} instead of ${quoted(rightText.get(item.match) ?? item.match)}. ` +
							`Go over it: ${firstSentence(item.feedback)}`
					};
				})
		)
	);
};

const NOT_ASKED_FOR: Record<NonNullable<HighlightQuestion['checks']> | 'other', string> = {
	loaded: 'which is not a loaded word',
	unattributed: 'which has a source',
	other: 'which is not one of the answers'
};

const highlightMistake: MistakeReader<HighlightQuestion> = (question, counts, attempts) => {
	const text = question.passage.text;
	const spans = unitSpans(text, question.unit);
	const unitsOf = (phrase: string) => {
		const found = unitsOfPhrase(text, spans, phrase);
		return found.ok ? found.units : [];
	};
	const picks = (unit: number) => counts.get(String(unit)) ?? 0;
	const targetUnits = new Set(question.targets.flatMap((t) => unitsOf(t.text)));
	// A target is missed by everyone who left out any part of it.
	const missed = question.targets.map((target) => {
		const units = unitsOf(target.text);
		const count = units.length === 0 ? 0 : attempts - Math.min(...units.map(picks));
		return { count, sentence: `${who(count, attempts)} missed ${quoted(target.text)}. Go over it: ${firstSentence(target.feedback)}` };
	});
	const notAsked = NOT_ASKED_FOR[question.checks ?? 'other'];
	const decoys = question.decoys.map((decoy) => {
		const units = unitsOf(decoy.text);
		const count = units.length === 0 ? 0 : Math.max(...units.map(picks));
		return { count, sentence: `${who(count, attempts)} marked ${quoted(decoy.text)}, ${notAsked}. Go over why: ${firstSentence(decoy.feedback)}` };
	});
	const decoyUnits = new Set(question.decoys.flatMap((d) => unitsOf(d.text)));
	const otherPicks = spans
		.map((span, unit) => ({ span, unit }))
		.filter(({ unit }) => !targetUnits.has(unit) && !decoyUnits.has(unit))
		.map(({ span, unit }) => ({
			count: picks(unit),
			sentence: `${who(picks(unit), attempts)} marked ${quoted(text.slice(span.start, span.end))}, ${notAsked}.`
		}));
	return best([...missed, ...decoys, ...otherPicks]);
};

const MISTAKE_READERS: { [T in QuestionTypeName]: MistakeReader<never> } = {
	choice: choiceMistake as MistakeReader<never>,
	classify: classifyMistake as MistakeReader<never>,
	highlight: highlightMistake as MistakeReader<never>,
	match: matchMistake as MistakeReader<never>,
	// Written answers have no wrong choice to count: teachers read them in the review queue.
	respond: (() => null) as MistakeReader<never>
};

/** The most common mistake on first attempts, or null when none was made by enough students to name. */
export function mostCommonMistake(
	question: { type: QuestionTypeName; definition: unknown },
	counts: Map<string, number>,
	attempts: number
): Mistake | null {
	const read = MISTAKE_READERS[question.type] as MistakeReader<unknown>;
	const mistake = read(question.definition, counts, attempts);
	if (!mistake || mistake.count < Math.max(2, NOTABLE_SHARE * attempts)) return null;
	return mistake;
}

/**
 * Why a flagged question may need a look, in words that agree with the numbers shown beside
 * them: "do worse" only when the discrimination shown is below zero.
 */
export function reviewReason(stats: ItemStatistics): string | null {
	if (!stats.flagged) return null;
	if (stats.discrimination !== null && Math.round(stats.discrimination) < 0) {
		return `Students who do well on the rest of the course do worse on this question (discrimination ${shownNumber(stats.discrimination)}): check the answer key and the wording.`;
	}
	return `This question hardly tells apart students who do well on the rest of the course from those who do not (efficiency ${shownPercent(stats.efficiency)}, under ${EFFICIENCY_THRESHOLD}%): it may be unclear, or its key may need a look.`;
}

/** What the first answers to a question say, in words. */
export function itemAdvice(
	question: { type: QuestionTypeName; definition: unknown },
	stats: ItemStatistics,
	counts: Map<string, number>
): ItemAdvice {
	const band = facilityBand(stats);
	const average = `average ${shownNumber(stats.facility)} out of 100`;
	if (band === 'few') {
		return {
			band,
			summary: `Not enough answers yet: ${stats.attempts} of the ${MIN_FIRST_ATTEMPTS} first tries needed before this question is judged.`,
			action: null,
			review: null
		};
	}
	const summary = {
		easy: `Most of the class got this right (${average}).`,
		mixed: `The class is split on this one (${average}).`,
		hard: `Hard for this class (${average}).`
	}[band];
	const mistake = mostCommonMistake(question, counts, stats.attempts);
	const action = mistake
		? mistake.sentence
		: band === 'easy'
			? 'No common mistake: nothing to reteach here.'
			: 'No single wrong answer stands out: go through the question with the class.';
	return { band, summary, action, review: reviewReason(stats) };
}

/** Each statistic with what its value means for this question. */
export function statisticLines(stats: ItemStatistics): StatisticLine[] {
	const d = stats.discrimination === null ? null : Math.round(stats.discrimination);
	const discrimination =
		d === null
			? 'It cannot be worked out yet: everyone scored the same here, or on the rest of the course.'
			: d < 0
				? 'Below zero: students who do well on the rest of the course tend to do worse here.'
				: d < 15
					? 'Close to zero: doing well here has little to do with doing well on the rest of the course.'
					: d < 30
						? 'Students who do well on the rest of the course tend to do somewhat better here.'
						: 'Students who do well on the rest of the course do clearly better here, as a good question should.';
	return [
		{
			name: 'Facility',
			value: shownNumber(stats.facility),
			sentence: 'The class’s average first-try score on this question, out of 100. Higher is easier.'
		},
		{
			name: 'Spread (SD)',
			value: shownNumber(stats.sd),
			sentence: 'How far the first-try scores spread around that average: 0 when everyone scored the same, about 50 when half got it right and half wrong.'
		},
		{
			name: 'Discrimination',
			value: shownNumber(stats.discrimination),
			sentence: `How closely doing well here goes with doing well on the rest of the course, from −100 to 100. ${discrimination}`
		},
		{
			name: 'Efficiency',
			value: shownPercent(stats.efficiency),
			sentence:
				stats.efficiency === null
					? 'Discrimination as a share of the most this question could reach with these scores. It cannot be worked out yet.'
					: `Discrimination as a share of the most this question could reach with these scores. Under ${EFFICIENCY_THRESHOLD}% marks a question for review.`
		}
	];
}
