import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ContentContext } from '../../contract';
import { respond, RespondSchema, type RespondQuestion } from '.';

const authored = {
	id: 'l06-rewrite-test',
	type: 'respond',
	prompt: 'Rewrite this sentence in neutral words, keeping every fact.',
	excerpt: { source: 'defapress-2026', text: 'The diplomatic scare tactic reflects the depth of the United States’ concern' },
	fields: [{ id: 'rewrite', label: 'Your rewrite', maxLength: 120 }],
	checks: {
		loadedPhrases: 'rewrite',
		requiredTerms: [{ field: 'rewrite', label: 'the United States', accept: ['United States', 'US', 'Washington'] }]
	},
	modelAnswers: ['The United States’ request shows how concerned it is.'],
	selfCheck: [
		{ id: 'facts', text: 'My rewrite keeps who did what.' },
		{ id: 'words', text: 'My rewrite drops the loaded words.' }
	],
	rubric: [
		{ score: 0, label: 'Not yet', descriptor: 'Keeps the loaded words or drops a fact.' },
		{ score: 1, label: 'Nearly', descriptor: 'Neutral words, one fact lost.' },
		{ score: 2, label: 'Done well', descriptor: 'Neutral and complete.' }
	],
	explanation: 'A neutral rewrite keeps the facts and drops the verdict.'
};

const lateral = {
	id: 'l01-lateral-test',
	type: 'respond',
	prompt: 'Find out who runs the site.',
	task: { question: 'Who runs Defapress?' },
	fields: [
		{ id: 'search', label: 'What you searched for', maxLength: 200, lines: 1 },
		{ id: 'page', label: 'The page that answered', maxLength: 300, lines: 1, kind: 'address' }
	],
	checks: { offPage: { field: 'page', checkedSites: ['Defapress.ir'] } },
	modelAnswers: ['Searching "Defapress" leads to pages describing it.'],
	selfCheck: [
		{ id: 'left', text: 'I left the site.' },
		{ id: 'who', text: 'I found who runs it.' }
	],
	rubric: [
		{ score: 0, label: 'Not yet', descriptor: 'Stayed on the site.' },
		{ score: 1, label: 'Done', descriptor: 'Left the site and found an answer.' }
	],
	explanation: 'Reading laterally means leaving the page.'
};

const context: ContentContext = {
	findQuote: () => null,
	loadedPhrases: () => ['diplomatic scare tactic']
};

function parse(value: unknown): RespondQuestion {
	return v.parse(RespondSchema, value);
}

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

describe('respond schema and validate', () => {
	it('accepts the authored format and fills the defaults (3 lines, kind text)', () => {
		const question = parse(authored);
		expect(question.fields[0]).toEqual({ id: 'rewrite', label: 'Your rewrite', maxLength: 120, lines: 3, kind: 'text' });
		expect(respond.validate(question, context)).toEqual([]);
		expect(parse(lateral).checks?.offPage?.checkedSites).toEqual(['defapress.ir']);
	});

	it('refuses lengths outside 20..2000, more than 5 fields, and a self-check or rubric of the wrong size', () => {
		expect(v.safeParse(RespondSchema, { ...authored, fields: [{ id: 'a', label: 'A', maxLength: 10 }] }).success).toBe(false);
		expect(v.safeParse(RespondSchema, { ...authored, fields: [{ id: 'a', label: 'A', maxLength: 2001 }] }).success).toBe(false);
		const six = Array.from({ length: 6 }, (_, i) => ({ id: `f${i}`, label: `F${i}`, maxLength: 100 }));
		expect(v.safeParse(RespondSchema, { ...authored, fields: six }).success).toBe(false);
		expect(v.safeParse(RespondSchema, { ...authored, selfCheck: [authored.selfCheck[0]] }).success).toBe(false);
		expect(v.safeParse(RespondSchema, { ...authored, rubric: [authored.rubric[0]] }).success).toBe(false);
		expect(v.safeParse(RespondSchema, { ...authored, modelAnswers: [] }).success).toBe(false);
		expect(v.safeParse(RespondSchema, { ...lateral, checks: { offPage: { field: 'page', checkedSites: ['https://defapress.ir/'] } } }).success).toBe(false);
	});

	it('names duplicate ids, checks of unknown fields, an offPage field that is not an address, and a rubric without 0', () => {
		const question = parse({
			...lateral,
			fields: [...lateral.fields, { id: 'search', label: 'Again', maxLength: 100 }],
			checks: {
				offPage: { field: 'search', checkedSites: ['defapress.ir'] },
				requiredTerms: [{ field: 'nowhere', label: 'Defapress', accept: ['Defapress'] }]
			},
			selfCheck: [lateral.selfCheck[0], lateral.selfCheck[0]],
			rubric: [
				{ score: 1, label: 'A', descriptor: 'a' },
				{ score: 1, label: 'B', descriptor: 'b' }
			]
		});
		expect(respond.validate(question, context)).toEqual([
			'field id "search" is used twice',
			'self-check id "left" is used twice',
			'rubric score 1 is used twice',
			'the rubric needs a level with score 0',
			'requiredTerms "Defapress" names field "nowhere", which is not in fields',
			'checks.offPage: field "search" must be kind: address'
		]);
	});

	it('needs loaded phrases in the excerpt for the loadedPhrases check, and model answers that pass the checks', () => {
		expect(respond.validate(parse(authored), { findQuote: () => null, loadedPhrases: () => [] })).toEqual([
			'checks.loadedPhrases: the annotations mark no loaded phrase inside the excerpt'
		]);
		const { excerpt: _, ...noExcerpt } = authored;
		expect(respond.validate(parse(noExcerpt), context)).toContain(
			'checks.loadedPhrases needs an excerpt (its loaded phrases come from the source annotations)'
		);
		const bad = parse({ ...authored, modelAnswers: ['The diplomatic scare tactic of Bolivia is what this long answer is about, and it goes on and on, far too long for the field it goes in.'] });
		expect(respond.validate(bad, context)).toEqual([
			'model answer 1 is 135 characters, longer than the field allows (120)',
			'model answer 1 does not mention the United States',
			'model answer 1 keeps the loaded phrase "diplomatic scare tactic"'
		]);
	});

	it('build adds the excerpt’s loaded phrases for grading', () => {
		expect(respond.build!(parse(authored), context).excerptLoadedPhrases).toEqual(['diplomatic scare tactic']);
		expect(respond.build!(parse(lateral), context).excerptLoadedPhrases).toBeUndefined();
	});
});

describe('respond.toPublic', () => {
	it('gives the page the prompt, task and fields only: no model answer, accepted terms, self-check or rubric', () => {
		const question = respond.build!(parse(authored), context);
		const shown = respond.toPublic(question, 'v1');
		expect(shown).toEqual({
			id: 'l06-rewrite-test',
			type: 'respond',
			prompt: authored.prompt,
			excerpt: authored.excerpt,
			task: null,
			fields: [{ id: 'rewrite', title: 'Your rewrite', maxLength: 120, lines: 3, kind: 'text' }]
		});
		const text = JSON.stringify(shown);
		for (const secret of ['neutral and complete', 'Washington', 'diplomatic scare tactic reflects growing', 'keeps who did what', 'concerned it is']) {
			expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
		}
		expect(respond.toPublic(parse(lateral), 'v1').task).toEqual({ question: 'Who runs Defapress?', searchHint: null });
	});

	it('reveals the model answers, self-check and rubric (lowest first) once answered', () => {
		const reveal = respond.reveal!({ ...parse(authored), rubric: [...authored.rubric].reverse() }) as { rubric: { score: number }[]; modelAnswers: string[] };
		expect(reveal.rubric.map((l) => l.score)).toEqual([0, 1, 2]);
		expect(reveal.modelAnswers).toEqual(authored.modelAnswers);
	});
});

describe('respond.parseResponse', () => {
	const shown = respond.toPublic(parse(lateral), 'v1');

	it('trims each field and writes line ends as \\n', () => {
		const parsed = respond.parseResponse(form([['field-search', '  who runs defapress \r\n'], ['field-page', 'en.wikipedia.org/wiki/X\u0007']]), shown);
		expect(parsed).toEqual({ ok: true, response: { fields: { search: 'who runs defapress', page: 'en.wikipedia.org/wiki/X' } } });
	});

	it('refuses an empty field, naming it, and keeps what was typed in the draft', () => {
		const data = form([['field-search', 'who runs defapress'], ['field-page', '   ']]);
		expect(respond.parseResponse(data, shown)).toEqual({
			ok: false,
			error: 'Fill in every box before you send it (still empty: The page that answered).'
		});
		expect(respond.draft!(data, shown)).toEqual({ fields: { search: 'who runs defapress', page: '' } });
	});

	it('refuses a field over its limit with how much to cut, counting a line end once', () => {
		const rewrite = respond.toPublic(parse(authored), 'v1');
		const long = 'a'.repeat(121);
		expect(respond.parseResponse(form([['field-rewrite', long]]), rewrite)).toEqual({
			ok: false,
			error: '“Your rewrite” is 121 characters long; the limit is 120. Shorten it by 1 and send it again.'
		});
		const withLineEnds = `${'a'.repeat(59)}\r\n${'b'.repeat(60)}`;
		expect(respond.parseResponse(form([['field-rewrite', withLineEnds]]), rewrite).ok).toBe(true);
	});

	it('refuses fields the question does not have, and a field sent twice', () => {
		expect(respond.parseResponse(form([['field-search', 'a'], ['field-page', 'b'], ['field-other', 'c']]), shown).ok).toBe(false);
		expect(respond.parseResponse(form([['field-search', 'a'], ['field-search', 'b'], ['field-page', 'b']]), shown)).toEqual({
			ok: false,
			error: 'The answer came with a field twice. Please reload the page and answer again.'
		});
	});
});

describe('respond.grade', () => {
	it('reports loaded phrases kept and required terms missing, and scores nothing itself', () => {
		const question = respond.build!(parse(authored), context);
		const grade = respond.grade(question, { fields: { rewrite: 'This Diplomatic scare tactic shows concern.' } });
		expect(grade.earned).toBe(0);
		expect(grade.total).toBe(1);
		expect(grade.parts.map((p) => [p.id, p.verdict])).toEqual([
			['loaded-0', 'incorrect'],
			['required-0', 'missed']
		]);
		const fixed = respond.grade(question, { fields: { rewrite: 'The US request shows concern.' } });
		expect(fixed.parts.map((p) => p.verdict)).toEqual(['correct', 'correct']);
	});

	it('says whether the page given is off the checked site', () => {
		const question = parse(lateral);
		const verdict = (page: string) => respond.grade(question, { fields: { search: 'x', page } }).parts[0].verdict;
		expect(verdict('https://www.defapress.ir/en/about')).toBe('incorrect');
		expect(verdict('en.wikipedia.org/wiki/Defapress')).toBe('correct');
		expect(verdict('I did not find one')).toBe('missed');
	});
});

describe('respond.summarize', () => {
	it('counts teachers’ rubric scores of reviewed first answers', () => {
		const groups = respond.summarize(parse(authored), new Map([['review=2', 3], ['review=0', 1]]), 9);
		expect(groups).toEqual([
			{
				title: 'Teachers’ scores (4 reviewed first answers)',
				rows: [
					{ label: '0 · Not yet', count: 1, correct: null },
					{ label: '1 · Nearly', count: 0, correct: null },
					{ label: '2 · Done well', count: 3, correct: null }
				]
			}
		]);
	});
});
