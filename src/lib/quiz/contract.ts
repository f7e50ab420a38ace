// The contract every question type implements (the shape of Khan Academy's Perseus widgets):
// authoring definition with key → public projection → learner response → grade.
import type * as v from 'valibot';

/** What the page may show before the learner answers: never a key or feedback. */
export interface PublicBase {
	id: string;
	type: string;
	prompt: string;
	excerpt: QuotedText | null;
}

export interface QuotedText {
	source: string;
	text: string;
	occurrence?: number;
}

export type Verdict = 'correct' | 'incorrect' | 'missed' | 'partial';

/** One judged part of an answer: an option, an excerpt, a target, a pair. */
export interface GradedPart {
	/** The part's id within the question (option id, item id, unit index, …). */
	id: string;
	verdict: Verdict;
	feedback: string;
	/** The right answer for this part where the verdict alone does not show it (a label, a pair). */
	expected?: string;
}

export interface Grade {
	earned: number;
	total: number;
	parts: GradedPart[];
	/** Highlight questions also report precision, recall and F1 (0 to 1). */
	measures?: { precision: number; recall: number; f1: number };
}

export type ParseResult<R> = { ok: true; response: R } | { ok: false; error: string };

/**
 * Checks that need the sources: each returns a message when a quote is not found. Provided by
 * the content loader so question types stay free of file access.
 */
export interface ContentContext {
	findQuote(quote: QuotedText): string | null;
	/**
	 * The loaded phrases the source's sentence annotations mark inside a quote (of the annotated
	 * sentences that overlap it). Empty where the source has no annotations.
	 */
	loadedPhrases?(quote: QuotedText): string[];
}

/** How a class answered one question, for the instructor's item analysis. */
export interface ItemSummaryGroup {
	title: string;
	rows: { label: string; count: number; /** null where right and wrong do not apply */ correct: boolean | null }[];
}

export interface QuestionType<Q extends { id: string; type: string }, P extends PublicBase, R> {
	/** Valibot schema of the authored definition (after the common fields are checked). */
	schema: v.GenericSchema<unknown, Q>;
	/** Consistency beyond the schema (keys against options, quotes against sources). */
	validate(question: Q, context: ContentContext): string[];
	/**
	 * What the page may see. `version` is the question's content version: with its id it seeds
	 * the shown order of lists (see order.ts), so the authored order gives nothing away.
	 */
	toPublic(question: Q, version: string): P;
	/**
	 * Completes the validated definition at build with what the type needs from the sources to
	 * grade (server side only: toPublic never passes it on). The content version hashes the result.
	 */
	build?(question: Q, context: ContentContext): Q;
	/**
	 * What the page may show only once the learner has answered, beside the grade (a written
	 * answer's model answers, self-check and rubric). Absent where the grade's parts say it all.
	 */
	reveal?(question: Q): unknown;
	/** Reads the learner's answer from the form; errors are sentences for the learner. */
	parseResponse(form: FormData, question: P): ParseResult<R>;
	grade(question: Q, response: R): Grade;
	/**
	 * What the learner had chosen when parseResponse refused the answer (some items left blank):
	 * the known choices only, never stored or graded, so the page can show them again and mark
	 * what is missing. Absent where a refusal leaves nothing worth showing again.
	 */
	draft?(form: FormData, question: P): R | null;
	/** JSON path in a stored response whose values the item analysis counts. */
	responsePath: string;
	/**
	 * Turns counts of chosen values on first attempts ("value" for arrays, "key=value" for objects,
	 * as returned by the dashboard's firstResponseCounts) into what a teacher can act on.
	 */
	summarize(question: Q, counts: Map<string, number>, attempts: number): ItemSummaryGroup[];
	/**
	 * Discernment, both sides: how many neutral parts (plain claims, neutral words) the question
	 * offers and how many this response wrongly flagged; how many framed parts (framed or mixed
	 * sentences, loaded words) it offers and how many this response took as plain (missed).
	 * Absent for types with nothing of either kind.
	 */
	discernment?(question: Q, response: R): Discernment;
}

export interface Discernment {
	neutral: number;
	flagged: number;
	framed: number;
	missed: number;
}

/** Field names a form for any question may carry besides the type's own. */
export const COMMON_FORM_FIELDS = ['questionId'];

/** A learner-facing error when the form carries fields this question type does not use. */
export function unexpectedFields(form: FormData, allowed: (name: string) => boolean): string | null {
	for (const name of form.keys()) {
		if (!COMMON_FORM_FIELDS.includes(name) && !allowed(name)) {
			return 'The answer contained something this question does not ask for. Please reload the page and answer again.';
		}
	}
	return null;
}

/** What the page gets for a question the learner has answered (latest attempt). */
export interface AnswerState {
	response: unknown;
	grade: Grade;
	explanation: string;
	answeredAt: number;
	/** The type's reveal(question), where it has one. */
	reveal?: unknown;
	/** A written answer's self-check and teacher review, and the score they give (see respond/score.ts). */
	marks?: AnswerMarks;
}

/** The marks a written answer has gathered after it was submitted. */
export interface AnswerMarks {
	/** The statement ids the learner ticked, or null before they did the self-check. */
	selfCheck: string[] | null;
	review: { score: number; comment: string; reviewedAt: number } | null;
	score: { earned: number; total: number; basis: 'review' | 'self-check' | 'none' };
}

/** Returned by the answer action: which question, and on failure a sentence for the learner. */
export interface AnswerActionData {
	questionId: string | null;
	error?: string;
	/**
	 * On a refusal: what the learner chose, to show again (after parsing: not saved, too many;
	 * before: the draft of an incomplete answer, where the type has one).
	 */
	response?: unknown;
	/** A written answer's self-check was refused (why), or saved. */
	selfCheckError?: string;
	selfCheckSaved?: boolean;
}

/**
 * The known choices among fields named `<prefix><itemId>` (classify labels, match partners),
 * leaving out blanks and anything unknown: the draft of an incomplete one-per-item answer.
 */
export function chosenSoFar(form: FormData, prefix: string, itemIds: string[], allowed: Set<string>): Record<string, string> {
	const chosen: Record<string, string> = {};
	for (const id of itemIds) {
		const value = form.get(`${prefix}${id}`);
		if (typeof value === 'string' && allowed.has(value)) chosen[id] = value;
	}
	return chosen;
}

/** Learner-facing messages for readOnePerItem, in the words of the question type. */
export interface OnePerItemMessages {
	/** The same item answered twice. */
	twice: string;
	/** A value that is not one of the allowed choices. */
	unknown: string;
	/** Some items left blank; receives how many. */
	unanswered: (count: number) => string;
}

/**
 * Reads one chosen value per item from fields named `<prefix><itemId>` (classify labels, match
 * partners): each item answered exactly once, with one of the allowed values.
 */
export function readOnePerItem(
	form: FormData,
	prefix: string,
	itemIds: string[],
	allowed: Set<string>,
	messages: OnePerItemMessages
): ParseResult<Record<string, string>> {
	const fields = new Set(itemIds.map((id) => `${prefix}${id}`));
	const extra = unexpectedFields(form, (name) => fields.has(name));
	if (extra) return { ok: false, error: extra };
	const chosen: Record<string, string> = {};
	let unanswered = 0;
	for (const id of itemIds) {
		const values = form.getAll(`${prefix}${id}`).map(String);
		if (values.length > 1) return { ok: false, error: messages.twice };
		if (values.length === 0 || values[0] === '') {
			unanswered += 1;
			continue;
		}
		if (!allowed.has(values[0])) return { ok: false, error: messages.unknown };
		chosen[id] = values[0];
	}
	if (unanswered > 0) return { ok: false, error: messages.unanswered(unanswered) };
	return { ok: true, response: chosen };
}

/**
 * The dependency (SvelteKit's `depends`) of the page loads that hold a learner's answers: after
 * an answer, the page reloads only those, not the questions and texts that did not change.
 */
export const ANSWERS_DEPENDENCY = 'app:answers';
