import * as v from 'valibot';
import { commonFields, duplicates, Id, Text } from '../../common';
import { orderSeed, shownOrder } from '../../order';
import { chosenSoFar, readOnePerItem, type Grade, type PublicBase, type QuestionType } from '../../contract';

export const ClassifySchema = v.strictObject({
	...commonFields,
	type: v.literal('classify'),
	labels: v.pipe(
		v.array(v.strictObject({ id: Id, text: Text })),
		v.minLength(2, 'a classify question needs at least 2 labels')
	),
	items: v.pipe(
		v.array(
			v.strictObject({
				id: Id,
				source: Id,
				text: v.pipe(v.string(), v.nonEmpty()),
				occurrence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
				label: Id,
				feedback: Text
			})
		),
		v.minLength(2, 'a classify question needs at least 2 items')
	),
	/**
	 * Show the items in the authored (reading) order, for excerpts of one paragraph read in turn.
	 * The content check then makes sure the labels do not come in blocks in that order.
	 */
	readingOrder: v.optional(v.boolean())
});

export type ClassifyQuestion = v.InferOutput<typeof ClassifySchema>;

export interface ClassifyPublic extends PublicBase {
	type: 'classify';
	labels: { id: string; text: string }[];
	items: { id: string; source: string; text: string }[];
}

/** Label id chosen for each item id. */
export type ClassifyResponse = { labels: Record<string, string> };

const FIELD_PREFIX = 'item-';

export const classify: QuestionType<ClassifyQuestion, ClassifyPublic, ClassifyResponse> = {
	schema: ClassifySchema,

	validate(question, context) {
		const problems: string[] = [];
		for (const id of duplicates(question.labels.map((l) => l.id))) problems.push(`label id "${id}" is used twice`);
		for (const id of duplicates(question.items.map((i) => i.id))) problems.push(`item id "${id}" is used twice`);
		const labels = new Set(question.labels.map((l) => l.id));
		for (const item of question.items) {
			if (!labels.has(item.label)) problems.push(`item "${item.id}" has label "${item.label}", which is not in labels`);
			const problem = context.findQuote(item);
			if (problem) problems.push(`item "${item.id}": ${problem}`);
		}
		return problems;
	},

	toPublic(question, version) {
		return {
			id: question.id,
			type: 'classify',
			prompt: question.prompt,
			excerpt: question.excerpt ?? null,
			labels: question.labels,
			items: (question.readingOrder ? question.items : shownOrder(question.items, orderSeed(question.id, version))).map(
				({ id, source, text }) => ({ id, source, text })
			)
		};
	},

	parseResponse(form, question) {
		const read = readOnePerItem(
			form,
			FIELD_PREFIX,
			question.items.map((i) => i.id),
			new Set(question.labels.map((l) => l.id)),
			{
				twice: 'Give each excerpt only one label.',
				unknown: 'That label is not one of the choices. Please reload the page and try again.',
				unanswered: (n) => `Label every excerpt before checking (${n} still ${n === 1 ? 'needs' : 'need'} a label).`
			}
		);
		return read.ok ? { ok: true, response: { labels: read.response } } : read;
	},

	grade(question, response): Grade {
		const parts = question.items.map((item) => ({
			id: item.id,
			verdict: response.labels[item.id] === item.label ? ('correct' as const) : ('incorrect' as const),
			feedback: item.feedback,
			expected: item.label
		}));
		const right = parts.filter((p) => p.verdict === 'correct').length;
		return { earned: right / question.items.length, total: 1, parts };
	},

	draft(form, question) {
		return { labels: chosenSoFar(form, FIELD_PREFIX, question.items.map((i) => i.id), new Set(question.labels.map((l) => l.id))) };
	},

	responsePath: '$.labels',

	/** Plain claims labelled framing or mixed, in claim/framing/mixed questions. */
	discernment(question, response) {
		const labels = new Set(question.labels.map((l) => l.id));
		if (!labels.has('claim') || !labels.has('framing')) return { neutral: 0, flagged: 0, framed: 0, missed: 0 };
		const claims = question.items.filter((item) => item.label === 'claim');
		const flagged = claims.filter((item) => ['framing', 'mixed'].includes(response.labels[item.id] ?? '')).length;
		// Framed and mixed sentences labelled a plain claim were taken at face value.
		const framed = question.items.filter((item) => item.label !== 'claim');
		const missed = framed.filter((item) => response.labels[item.id] === 'claim').length;
		return { neutral: claims.length, flagged, framed: framed.length, missed };
	},

	/** A confusion table: for each excerpt, how many chose each label (the right one marked). */
	summarize(question, counts) {
		return question.items.map((item) => ({
			title: `“${item.text}”`,
			rows: question.labels.map((label) => ({
				label: label.text,
				count: counts.get(`${item.id}=${label.id}`) ?? 0,
				correct: label.id === item.label
			}))
		}));
	}
};
