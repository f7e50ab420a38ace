import * as v from 'valibot';
import { commonFields, duplicates, Id, Text } from '../../common';
import { orderSeed, shownOrder } from '../../order';
import { chosenSoFar, readOnePerItem, type Grade, type PublicBase, type QuestionType } from '../../contract';

export const MatchSchema = v.strictObject({
	...commonFields,
	type: v.literal('match'),
	left: v.pipe(
		v.array(
			v.strictObject({
				id: Id,
				text: Text,
				source: v.optional(Id),
				occurrence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
				match: Id,
				feedback: Text
			})
		),
		v.minLength(2, 'a match question needs at least 2 items on the left')
	),
	right: v.array(v.strictObject({ id: Id, text: Text }))
});

export type MatchQuestion = v.InferOutput<typeof MatchSchema>;

export interface MatchPublic extends PublicBase {
	type: 'match';
	left: { id: string; text: string; source: string | null }[];
	right: { id: string; text: string }[];
}

/** Right-hand id chosen for each left-hand id. */
export type MatchResponse = { pairs: Record<string, string> };

const FIELD_PREFIX = 'pair-';

export const match: QuestionType<MatchQuestion, MatchPublic, MatchResponse> = {
	schema: MatchSchema,

	validate(question, context) {
		const problems: string[] = [];
		// Learners see each item with its own list of partners, not two columns.
		if (/\bon the (left|right)\b/i.test(question.prompt)) {
			problems.push('the prompt says "on the left" or "on the right", but learners see each item with its own list of choices: say "of the options" instead');
		}
		for (const id of duplicates(question.left.map((l) => l.id))) problems.push(`left id "${id}" is used twice`);
		for (const id of duplicates(question.right.map((r) => r.id))) problems.push(`right id "${id}" is used twice`);
		if (question.right.length < question.left.length) {
			problems.push('the right list needs at least as many items as the left');
		}
		const right = new Set(question.right.map((r) => r.id));
		for (const item of question.left) {
			if (!right.has(item.match)) problems.push(`left "${item.id}" matches "${item.match}", which is not in right`);
			if (item.source) {
				const problem = context.findQuote({ source: item.source, text: item.text, occurrence: item.occurrence });
				if (problem) problems.push(`left "${item.id}": ${problem}`);
			}
		}
		return problems;
	},

	toPublic(question, version) {
		return {
			id: question.id,
			type: 'match',
			prompt: question.prompt,
			excerpt: question.excerpt ?? null,
			left: question.left.map(({ id, text, source }) => ({ id, text, source: source ?? null })),
			right: shownOrder(question.right, orderSeed(question.id, version))
		};
	},

	parseResponse(form, question) {
		const read = readOnePerItem(
			form,
			FIELD_PREFIX,
			question.left.map((l) => l.id),
			new Set(question.right.map((r) => r.id)),
			{
				twice: 'Pair each item with only one partner.',
				unknown: 'That partner is not one of the choices. Please reload the page and try again.',
				unanswered: (n) => `Pair every item before checking (${n} still ${n === 1 ? 'needs' : 'need'} a partner).`
			}
		);
		return read.ok ? { ok: true, response: { pairs: read.response } } : read;
	},

	grade(question, response): Grade {
		const parts = question.left.map((item) => ({
			id: item.id,
			verdict: response.pairs[item.id] === item.match ? ('correct' as const) : ('incorrect' as const),
			feedback: item.feedback,
			expected: item.match
		}));
		const right = parts.filter((p) => p.verdict === 'correct').length;
		return { earned: right / question.left.length, total: 1, parts };
	},

	draft(form, question) {
		return { pairs: chosenSoFar(form, FIELD_PREFIX, question.left.map((l) => l.id), new Set(question.right.map((r) => r.id))) };
	},

	responsePath: '$.pairs',

	summarize(question, counts) {
		return question.left.map((item) => ({
			title: item.text,
			rows: question.right
				.map((partner) => ({ label: partner.text, count: counts.get(`${item.id}=${partner.id}`) ?? 0, correct: partner.id === item.match }))
				.filter((row) => row.count > 0 || row.correct)
		}));
	}
};
