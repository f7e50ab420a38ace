import * as v from 'valibot';
import { commonFields, duplicates, Id, Text } from '../../common';
import { unexpectedFields, type Grade, type GradedPart, type ItemSummaryGroup, type PublicBase, type QuestionType } from '../../contract';
import { checkAddress, loadedPhrasesKept, missingTerms } from './checks';

/** A host name as authors write it for offPage: "defapress.ir", no scheme or path. */
const HostName = v.pipe(
	v.string(),
	v.trim(),
	v.toLowerCase(),
	v.regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*$/, 'checkedSites are host names like "defapress.ir" (no https:// and no path)')
);

export const RespondSchema = v.strictObject({
	...commonFields,
	type: v.literal('respond'),
	/** For lateral reading: the concrete question to research on the open web. */
	task: v.optional(v.strictObject({ question: Text, searchHint: v.optional(Text) })),
	fields: v.pipe(
		v.array(
			v.strictObject({
				id: Id,
				label: Text,
				maxLength: v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(2000)),
				lines: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)), 3),
				kind: v.optional(v.picklist(['text', 'address']), 'text')
			})
		),
		v.minLength(1, 'a respond question needs at least 1 field'),
		v.maxLength(5, 'a respond question has at most 5 fields')
	),
	checks: v.optional(
		v.strictObject({
			loadedPhrases: v.optional(Id),
			requiredTerms: v.optional(
				v.array(
					v.strictObject({
						field: Id,
						label: Text,
						accept: v.pipe(v.array(Text), v.minLength(1, 'accept at least one form of the term'))
					})
				)
			),
			offPage: v.optional(
				v.strictObject({
					field: Id,
					checkedSites: v.pipe(v.array(HostName), v.minLength(1, 'name at least one checked site'))
				})
			)
		})
	),
	modelAnswers: v.pipe(v.array(Text), v.minLength(1, 'give at least one model answer')),
	selfCheck: v.pipe(
		v.array(v.strictObject({ id: Id, text: Text })),
		v.minLength(2, 'a self-check has 2 to 6 statements'),
		v.maxLength(6, 'a self-check has 2 to 6 statements')
	),
	rubric: v.pipe(
		v.array(
			v.strictObject({
				score: v.pipe(v.number(), v.integer(), v.minValue(0)),
				label: Text,
				descriptor: Text
			})
		),
		v.minLength(2, 'a rubric has 2 to 5 levels'),
		v.maxLength(5, 'a rubric has 2 to 5 levels')
	)
});

export type RespondAuthored = v.InferOutput<typeof RespondSchema>;

/**
 * The authored question, completed at build (server side) with the loaded phrases of its excerpt,
 * from the source's sentence annotations: what the loadedPhrases check looks for.
 */
export type RespondQuestion = RespondAuthored & { excerptLoadedPhrases?: string[] };

/** A field as the page shows it ("title" is the authored label; "label" is kept out of public data, see answer-safety.spec). */
export interface RespondField {
	id: string;
	title: string;
	maxLength: number;
	lines: number;
	kind: 'text' | 'address';
}

export interface RespondPublic extends PublicBase {
	type: 'respond';
	task: { question: string; searchHint: string | null } | null;
	fields: RespondField[];
}

/** What the learner wrote in each field (trimmed, line ends as "\n"). */
export type RespondResponse = { fields: Record<string, string> };

/** Shown only once the learner has submitted: model answers, the self-check and the rubric. */
export interface RespondReveal {
	modelAnswers: string[];
	selfCheck: { id: string; text: string }[];
	rubric: { score: number; label: string; descriptor: string }[];
}

export const FIELD_PREFIX = 'field-';

/** Line ends as "\n" (browsers send "\r\n", which would count twice against maxlength), no control characters. */
function cleanText(value: string): string {
	// eslint-disable-next-line no-control-regex
	return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

function typedFields(form: FormData, question: RespondPublic): Record<string, string> {
	const typed: Record<string, string> = {};
	for (const field of question.fields) {
		const value = form.get(`${FIELD_PREFIX}${field.id}`);
		typed[field.id] = typeof value === 'string' ? cleanText(value) : '';
	}
	return typed;
}

function quoted(text: string): string {
	return `“${text}”`;
}

/** The instant checks, as graded parts: loaded phrases kept, required facts missing, the page's address. */
function instantChecks(question: RespondQuestion, response: RespondResponse): GradedPart[] {
	const parts: GradedPart[] = [];
	const checks = question.checks;
	if (!checks) return parts;
	if (checks.loadedPhrases) {
		const text = response.fields[checks.loadedPhrases] ?? '';
		const kept = new Set(loadedPhrasesKept(text, question.excerptLoadedPhrases ?? []));
		for (const [index, phrase] of (question.excerptLoadedPhrases ?? []).entries()) {
			parts.push(
				kept.has(phrase)
					? { id: `loaded-${index}`, verdict: 'incorrect', feedback: `${quoted(phrase)} is still in your text: it is a loaded phrase of the original. Say what happened in plain words instead.` }
					: { id: `loaded-${index}`, verdict: 'correct', feedback: `The loaded phrase ${quoted(phrase)} is gone.` }
			);
		}
	}
	for (const [index, term] of (checks.requiredTerms ?? []).entries()) {
		const missing = missingTerms(response.fields[term.field] ?? '', [term]).length > 0;
		parts.push(
			missing
				? { id: `required-${index}`, verdict: 'missed', feedback: `Your text does not mention ${term.label}, which a full answer needs.` }
				: { id: `required-${index}`, verdict: 'correct', feedback: `You mention ${term.label}.` }
		);
	}
	if (checks.offPage) {
		const address = checkAddress(response.fields[checks.offPage.field] ?? '', checks.offPage.checkedSites);
		const id = 'off-page';
		if (address.kind === 'not-an-address') {
			parts.push({ id, verdict: 'missed', feedback: 'That does not look like a web address. Copy the address of the page from your browser’s address bar.' });
		} else if (address.kind === 'on-site') {
			parts.push({
				id,
				verdict: 'incorrect',
				feedback: `That page (${address.host}) is on the site you are checking. Reading laterally means leaving it: find what other sites say about it.`
			});
		} else {
			parts.push({ id, verdict: 'correct', feedback: `You left the site you are checking and found a page on ${address.host}.` });
		}
	}
	return parts;
}

export const respond: QuestionType<RespondQuestion, RespondPublic, RespondResponse> = {
	schema: RespondSchema,

	validate(question, context) {
		const problems: string[] = [];
		for (const id of duplicates(question.fields.map((f) => f.id))) problems.push(`field id "${id}" is used twice`);
		for (const id of duplicates(question.selfCheck.map((s) => s.id))) problems.push(`self-check id "${id}" is used twice`);
		const scores = question.rubric.map((level) => level.score);
		for (const score of duplicates(scores.map(String))) problems.push(`rubric score ${score} is used twice`);
		if (!scores.includes(0)) problems.push('the rubric needs a level with score 0');
		const fields = new Map(question.fields.map((f) => [f.id, f]));
		const known = (id: string, what: string) => {
			if (fields.has(id)) return true;
			problems.push(`${what} names field "${id}", which is not in fields`);
			return false;
		};
		const checks = question.checks ?? {};
		if (checks.loadedPhrases && known(checks.loadedPhrases, 'checks.loadedPhrases')) {
			if (!question.excerpt) problems.push('checks.loadedPhrases needs an excerpt (its loaded phrases come from the source annotations)');
			else if ((context.loadedPhrases?.(question.excerpt) ?? []).length === 0) {
				problems.push('checks.loadedPhrases: the annotations mark no loaded phrase inside the excerpt');
			}
		}
		for (const term of checks.requiredTerms ?? []) known(term.field, `requiredTerms "${term.label}"`);
		if (checks.offPage && known(checks.offPage.field, 'checks.offPage') && fields.get(checks.offPage.field)!.kind !== 'address') {
			problems.push(`checks.offPage: field "${checks.offPage.field}" must be kind: address`);
		}
		// With one field, each model answer must pass the question's own checks and fit the field.
		if (question.fields.length === 1) {
			const field = question.fields[0];
			for (const [index, answer] of question.modelAnswers.entries()) {
				const name = `model answer ${index + 1}`;
				if (answer.length > field.maxLength) problems.push(`${name} is ${answer.length} characters, longer than the field allows (${field.maxLength})`);
				for (const term of missingTerms(answer, checks.requiredTerms ?? [])) problems.push(`${name} does not mention ${term.label}`);
				if (checks.loadedPhrases && question.excerpt) {
					for (const phrase of loadedPhrasesKept(answer, context.loadedPhrases?.(question.excerpt) ?? [])) {
						problems.push(`${name} keeps the loaded phrase "${phrase}"`);
					}
				}
			}
		}
		return problems;
	},

	build(question, context) {
		if (!question.checks?.loadedPhrases || !question.excerpt) return question;
		return { ...question, excerptLoadedPhrases: context.loadedPhrases?.(question.excerpt) ?? [] };
	},

	toPublic(question) {
		return {
			id: question.id,
			type: 'respond',
			prompt: question.prompt,
			excerpt: question.excerpt ?? null,
			task: question.task ? { question: question.task.question, searchHint: question.task.searchHint ?? null } : null,
			fields: question.fields.map(({ id, label, maxLength, lines, kind }) => ({ id, title: label, maxLength, lines, kind }))
		};
	},

	parseResponse(form, question) {
		const names = new Set(question.fields.map((f) => `${FIELD_PREFIX}${f.id}`));
		const extra = unexpectedFields(form, (name) => names.has(name));
		if (extra) return { ok: false, error: extra };
		for (const name of names) {
			if (form.getAll(name).length > 1) return { ok: false, error: 'The answer came with a field twice. Please reload the page and answer again.' };
		}
		const typed = typedFields(form, question);
		const empty = question.fields.filter((f) => typed[f.id] === '');
		if (empty.length > 0) {
			return { ok: false, error: `Fill in every box before you send it (still empty: ${empty.map((f) => f.title).join('; ')}).` };
		}
		for (const field of question.fields) {
			const length = typed[field.id].length;
			if (length > field.maxLength) {
				return {
					ok: false,
					error: `“${field.title}” is ${length} characters long; the limit is ${field.maxLength}. Shorten it by ${length - field.maxLength} and send it again.`
				};
			}
		}
		return { ok: true, response: { fields: typed } };
	},

	/** No score here: a written answer is scored by the learner's self-check, then by a teacher (score.ts). */
	grade(question, response): Grade {
		return { earned: 0, total: 1, parts: instantChecks(question, response) };
	},

	/** What was typed, kept on any refusal (too long, a box left empty), so nothing is lost. */
	draft(form, question) {
		return { fields: typedFields(form, question) };
	},

	reveal(question): RespondReveal {
		return { modelAnswers: question.modelAnswers, selfCheck: question.selfCheck, rubric: [...question.rubric].sort((a, b) => a.score - b.score) };
	},

	// Written text is not counted value by value; the item analysis counts teachers' rubric
	// scores instead ("review=<score>", reviewed first attempts only).
	responsePath: '$.__none',

	summarize(question, counts): ItemSummaryGroup[] {
		const reviewed = question.rubric.reduce((sum, level) => sum + (counts.get(`review=${level.score}`) ?? 0), 0);
		return [
			{
				title: `Teachers’ scores (${reviewed} reviewed first answer${reviewed === 1 ? '' : 's'})`,
				rows: [...question.rubric]
					.sort((a, b) => a.score - b.score)
					.map((level) => ({ label: `${level.score} · ${level.label}`, count: counts.get(`review=${level.score}`) ?? 0, correct: null }))
			}
		];
	}
};
