// A stored answer in the words the student saw, for exports a teacher opens in a spreadsheet:
// the option texts chosen, each excerpt with its label, each pair, the words marked. Ids the
// question no longer has (an answer to an older version) are kept as [id], so nothing is lost.
//
// This reading belongs with each question type in src/lib/quiz/types/<type>/ (a `describe`
// beside `summarize`); until then it lives here, one function per registered type (TypeScript
// refuses a registered type without one).
import type { QuestionTypeName } from '../../quiz/registry';
import type { ChoiceQuestion, ChoiceResponse } from '../../quiz/types/choice';
import type { ClassifyQuestion, ClassifyResponse } from '../../quiz/types/classify';
import type { HighlightQuestion, HighlightResponse } from '../../quiz/types/highlight';
import { unitSpans } from '../../quiz/types/highlight/units';
import type { MatchQuestion, MatchResponse } from '../../quiz/types/match';
import type { RespondQuestion, RespondResponse } from '../../quiz/types/respond';

type Describe<Q, R> = (question: Q, response: R) => string;

const textOf = (list: { id: string; text: string }[], id: string) => list.find((x) => x.id === id)?.text ?? `[${id}]`;
const quote = (text: string) => `“${text.replace(/\s+/g, ' ').trim()}”`;

const describeChoice: Describe<ChoiceQuestion, ChoiceResponse> = (question, response) =>
	(response.selected ?? []).map((id) => textOf(question.options, id)).join(' | ');

const describeClassify: Describe<ClassifyQuestion, ClassifyResponse> = (question, response) =>
	Object.entries(response.labels ?? {})
		.map(([itemId, labelId]) => {
			const item = question.items.find((i) => i.id === itemId);
			return `${item ? quote(item.text) : `[${itemId}]`}: ${textOf(question.labels, labelId)}`;
		})
		.join(' | ');

const describeMatch: Describe<MatchQuestion, MatchResponse> = (question, response) =>
	Object.entries(response.pairs ?? {})
		.map(([leftId, rightId]) => `${textOf(question.left, leftId)} → ${textOf(question.right, rightId)}`)
		.join(' | ');

/** The marked words or sentences, neighbouring words joined into the phrase they make. */
const describeHighlight: Describe<HighlightQuestion, HighlightResponse> = (question, response) => {
	const text = question.passage.text;
	const spans = unitSpans(text, question.unit);
	const picked = [...new Set(response.selected ?? [])].sort((a, b) => a - b);
	const phrases: string[] = [];
	let start: number | null = null;
	let last = -2;
	const close = () => {
		if (start !== null) phrases.push(quote(text.slice(spans[start].start, spans[last].end)));
	};
	for (const unit of picked) {
		if (!spans[unit]) {
			close();
			start = null;
			phrases.push(`[${unit}]`);
			continue;
		}
		if (question.unit === 'word' && start !== null && unit === last + 1) {
			last = unit;
			continue;
		}
		close();
		start = unit;
		last = unit;
	}
	close();
	return phrases.join(' | ');
};

/** Each field as "label: text", in the question's order (plain text; the CSV writer makes it formula-safe). */
const describeRespond: Describe<RespondQuestion, RespondResponse> = (question, response) =>
	Object.entries(response.fields ?? {})
		.map(([fieldId, text]) => `${question.fields.find((f) => f.id === fieldId)?.label ?? `[${fieldId}]`}: ${text}`)
		.join(' | ');

const DESCRIBERS: { [T in QuestionTypeName]: Describe<never, never> } = {
	choice: describeChoice as Describe<never, never>,
	classify: describeClassify as Describe<never, never>,
	highlight: describeHighlight as Describe<never, never>,
	match: describeMatch as Describe<never, never>,
	respond: describeRespond as Describe<never, never>
};

/** The answer as the student saw it, or the stored JSON when it cannot be read. */
export function answerText(question: { type: QuestionTypeName; definition: unknown } | undefined, response: string): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(response);
	} catch {
		return response;
	}
	if (!question || typeof parsed !== 'object' || parsed === null) return response;
	try {
		return (DESCRIBERS[question.type] as Describe<unknown, unknown>)(question.definition, parsed);
	} catch {
		return response;
	}
}
