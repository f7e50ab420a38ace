import * as v from 'valibot';
import { commonFields, duplicates, Id, Text } from '../../common';
import { orderSeed, shownOrder } from '../../order';
import {
	unexpectedFields,
	type Grade,
	type GradedPart,
	type PublicBase,
	type QuestionType,
	type Verdict
} from '../../contract';

export const ChoiceSchema = v.strictObject({
	...commonFields,
	type: v.literal('choice'),
	multiple: v.optional(v.boolean(), false),
	options: v.pipe(
		v.array(v.strictObject({ id: Id, text: Text, correct: v.boolean(), feedback: Text })),
		v.minLength(2, 'a choice question needs at least 2 options')
	)
});

export type ChoiceQuestion = v.InferOutput<typeof ChoiceSchema>;

export interface ChoicePublic extends PublicBase {
	type: 'choice';
	multiple: boolean;
	options: { id: string; text: string }[];
}

/** The option ids the learner picked, sorted by id (so the shown order never matters). */
export type ChoiceResponse = { selected: string[] };

export const choice: QuestionType<ChoiceQuestion, ChoicePublic, ChoiceResponse> = {
	schema: ChoiceSchema,

	validate(question, context) {
		const problems: string[] = [];
		for (const id of duplicates(question.options.map((o) => o.id))) problems.push(`option id "${id}" is used twice`);
		const correct = question.options.filter((o) => o.correct).length;
		if (!question.multiple && correct !== 1) {
			problems.push(`a single-answer question needs exactly one correct option, not ${correct}`);
		}
		if (question.multiple && correct === 0) problems.push('mark at least one option correct');
		return problems;
	},

	toPublic(question, version) {
		return {
			id: question.id,
			type: 'choice',
			prompt: question.prompt,
			excerpt: question.excerpt ?? null,
			multiple: question.multiple,
			options: shownOrder(question.options, orderSeed(question.id, version)).map(({ id, text }) => ({ id, text }))
		};
	},

	parseResponse(form, question) {
		const extra = unexpectedFields(form, (name) => name === 'choice');
		if (extra) return { ok: false, error: extra };
		const picked = form.getAll('choice').map(String);
		const known = new Set(question.options.map((o) => o.id));
		if (picked.some((id) => !known.has(id))) {
			return { ok: false, error: 'That option is not part of this question. Please reload the page and try again.' };
		}
		const selected = question.options.map((o) => o.id).filter((id) => picked.includes(id)).sort();
		if (selected.length === 0) {
			return { ok: false, error: question.multiple ? 'Choose at least one option.' : 'Choose an option.' };
		}
		if (!question.multiple && selected.length > 1) return { ok: false, error: 'Choose only one option.' };
		return { ok: true, response: { selected } };
	},

	grade(question, response): Grade {
		const chosen = new Set(response.selected);
		// Every picked option and every correct one is reported; unpicked wrong options are not.
		const judged: GradedPart[] = [];
		for (const option of question.options) {
			const picked = chosen.has(option.id);
			const verdict: Verdict | null = option.correct ? (picked ? 'correct' : 'missed') : picked ? 'incorrect' : null;
			if (verdict) judged.push({ id: option.id, verdict, feedback: option.feedback });
		}
		const rightPicks = judged.filter((p) => p.verdict === 'correct').length;
		const wrongPicks = judged.filter((p) => p.verdict === 'incorrect').length;
		const correctOptions = question.options.filter((o) => o.correct).length;
		// Wrong picks cancel right ones, so choosing everything does not pay.
		const earned = Math.max(0, rightPicks - wrongPicks) / correctOptions;
		return { earned, total: 1, parts: judged };
	},

	responsePath: '$.selected',

	summarize(question, counts) {
		return [
			{
				title: 'How many chose each option',
				rows: question.options.map((o) => ({ label: o.text, count: counts.get(o.id) ?? 0, correct: o.correct }))
			}
		];
	}
};
