import { describe, expect, it } from 'vitest';
import type { QuotedText } from '../../contract';
import { classify, type ClassifyQuestion } from '.';
import { orderSeed, shownOrder } from '../../order';

const question: ClassifyQuestion = {
	id: 'claim-or-framing',
	type: 'classify',
	prompt: 'Label each excerpt.',
	explanation: 'Claims can be checked against a record; framing passes a verdict.',
	labels: [
		{ id: 'claim', text: 'Checkable claim' },
		{ id: 'framing', text: 'Framing' },
		{ id: 'mixed', text: 'Mixed' }
	],
	items: [
		{
			id: 'a',
			source: 'defapress-2026',
			text: 'Bolivia voted against the resolution',
			label: 'claim',
			feedback: 'A vote on record anyone can look up.'
		},
		{
			id: 'b',
			source: 'defapress-2026',
			text: 'the illegal kidnapping',
			label: 'framing',
			feedback: 'Calling it illegal judges before any court has.'
		},
		{
			id: 'c',
			source: 'defapress-2026',
			text: 'US-imposed foreign policy',
			occurrence: 2,
			label: 'mixed',
			feedback: 'Who set the policy is checkable; the word imposed is a verdict.'
		}
	]
};
const withExcerpt: ClassifyQuestion = {
	...question,
	excerpt: { source: 'defapress-2026', text: 'TEHRAN (Defapress) - The United States' }
};

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

const UNEXPECTED = 'The answer contained something this question does not ask for. Please reload the page and answer again.';

describe('classify.toPublic', () => {
	it('shuffles the items by question and version, unless they keep their reading order', () => {
		const shown = classify.toPublic(question, 'v7').items.map((i) => i.id);
		expect(shown).toEqual(shownOrder(question.items, orderSeed(question.id, 'v7')).map((i) => i.id));
		const reading = classify.toPublic({ ...question, readingOrder: true }, 'v7').items.map((i) => i.id);
		expect(reading).toEqual(question.items.map((i) => i.id));
	});

	it('strips labels, feedback and the explanation', () => {
		const publicView = classify.toPublic(question, 'v1');
		expect(JSON.stringify(publicView)).not.toMatch(
			/"label"|feedback|explanation|occurrence|vote on record|judges before|is a verdict|passes a verdict/
		);
		expect({ ...publicView, items: [...publicView.items].sort((x, y) => x.id.localeCompare(y.id)) }).toEqual({
			id: 'claim-or-framing',
			type: 'classify',
			prompt: 'Label each excerpt.',
			excerpt: null,
			labels: [
				{ id: 'claim', text: 'Checkable claim' },
				{ id: 'framing', text: 'Framing' },
				{ id: 'mixed', text: 'Mixed' }
			],
			items: [
				{ id: 'a', source: 'defapress-2026', text: 'Bolivia voted against the resolution' },
				{ id: 'b', source: 'defapress-2026', text: 'the illegal kidnapping' },
				{ id: 'c', source: 'defapress-2026', text: 'US-imposed foreign policy' }
			]
		});
	});

	it('passes the excerpt through', () => {
		expect(classify.toPublic(withExcerpt, 'v1').excerpt).toEqual({
			source: 'defapress-2026',
			text: 'TEHRAN (Defapress) - The United States'
		});
	});
});

describe('classify.parseResponse', () => {
	const publicView = classify.toPublic(question, 'v1');

	it('reads one label per item', () => {
		const result = classify.parseResponse(
			form([
				['questionId', 'claim-or-framing'],
				['item-a', 'claim'],
				['item-b', 'framing'],
				['item-c', 'mixed']
			]),
			publicView
		);
		expect(result).toEqual({ ok: true, response: { labels: { a: 'claim', b: 'framing', c: 'mixed' } } });
	});

	it('asks for every label when the form is empty', () => {
		expect(classify.parseResponse(form([]), publicView)).toEqual({
			ok: false,
			error: 'Label every excerpt before checking (3 still need a label).'
		});
	});

	it('counts a blank value as unanswered, in the singular for one', () => {
		const result = classify.parseResponse(
			form([
				['item-a', 'claim'],
				['item-b', ''],
				['item-c', 'mixed']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: 'Label every excerpt before checking (1 still needs a label).' });
	});

	it('refuses every label sent for one item', () => {
		const result = classify.parseResponse(
			form([
				['item-a', 'claim'],
				['item-a', 'framing'],
				['item-a', 'mixed'],
				['item-b', 'framing'],
				['item-c', 'mixed']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: 'Give each excerpt only one label.' });
	});

	it('refuses the same field sent twice, even with the same value', () => {
		const result = classify.parseResponse(
			form([
				['item-a', 'claim'],
				['item-a', 'claim'],
				['item-b', 'framing'],
				['item-c', 'mixed']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: 'Give each excerpt only one label.' });
	});

	it('refuses a label that is not one of the choices', () => {
		const result = classify.parseResponse(
			form([
				['item-a', 'claim'],
				['item-b', 'opinion'],
				['item-c', 'mixed']
			]),
			publicView
		);
		expect(result).toEqual({
			ok: false,
			error: 'That label is not one of the choices. Please reload the page and try again.'
		});
	});

	it('refuses an item that is not in the question', () => {
		const result = classify.parseResponse(
			form([
				['item-a', 'claim'],
				['item-b', 'framing'],
				['item-c', 'mixed'],
				['item-z', 'claim']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: UNEXPECTED });
	});

	it('refuses a forged extra field', () => {
		const result = classify.parseResponse(
			form([
				['item-a', 'claim'],
				['item-b', 'framing'],
				['item-c', 'mixed'],
				['earned', '1']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: UNEXPECTED });
	});
});

describe('classify.grade', () => {
	it('gives full marks when every item is labelled right, showing each expected label', () => {
		const grade = classify.grade(question, { labels: { a: 'claim', b: 'framing', c: 'mixed' } });
		expect(grade).toEqual({
			earned: 1,
			total: 1,
			parts: [
				{ id: 'a', verdict: 'correct', feedback: 'A vote on record anyone can look up.', expected: 'claim' },
				{ id: 'b', verdict: 'correct', feedback: 'Calling it illegal judges before any court has.', expected: 'framing' },
				{
					id: 'c',
					verdict: 'correct',
					feedback: 'Who set the policy is checkable; the word imposed is a verdict.',
					expected: 'mixed'
				}
			]
		});
	});

	it('gives nothing when every item is labelled wrong', () => {
		const grade = classify.grade(question, { labels: { a: 'framing', b: 'mixed', c: 'claim' } });
		expect(grade).toEqual({
			earned: 0,
			total: 1,
			parts: [
				{ id: 'a', verdict: 'incorrect', feedback: 'A vote on record anyone can look up.', expected: 'claim' },
				{ id: 'b', verdict: 'incorrect', feedback: 'Calling it illegal judges before any court has.', expected: 'framing' },
				{
					id: 'c',
					verdict: 'incorrect',
					feedback: 'Who set the policy is checkable; the word imposed is a verdict.',
					expected: 'mixed'
				}
			]
		});
	});

	it('gives the share of items labelled right (a neutral claim called framing is an error)', () => {
		const grade = classify.grade(question, { labels: { a: 'framing', b: 'framing', c: 'mixed' } });
		expect(grade.earned).toBe(2 / 3);
		expect(grade.total).toBe(1);
		expect(grade.parts.map((p) => [p.id, p.verdict, p.expected])).toEqual([
			['a', 'incorrect', 'claim'],
			['b', 'correct', 'framing'],
			['c', 'correct', 'mixed']
		]);
	});

	it('counts an item missing from the response as wrong', () => {
		const grade = classify.grade(question, { labels: { a: 'claim', b: 'framing' } });
		expect(grade.earned).toBe(2 / 3);
		expect(grade.parts[2]).toEqual({
			id: 'c',
			verdict: 'incorrect',
			feedback: 'Who set the policy is checkable; the word imposed is a verdict.',
			expected: 'mixed'
		});
	});
});

describe('classify.validate', () => {
	const context = { findQuote: () => null };

	it('accepts a consistent question', () => {
		expect(classify.validate(question, context)).toEqual([]);
		expect(classify.validate(withExcerpt, context)).toEqual([]);
	});

	it('rejects an item whose label is not in labels', () => {
		const broken: ClassifyQuestion = {
			...question,
			items: [...question.items.slice(0, 2), { ...question.items[2], label: 'opinion' }]
		};
		expect(classify.validate(broken, context)).toEqual(['item "c" has label "opinion", which is not in labels']);
	});

	it('rejects duplicate label ids and duplicate item ids', () => {
		const broken: ClassifyQuestion = {
			...question,
			labels: [...question.labels, { id: 'claim', text: 'Claim again' }],
			items: [...question.items, { ...question.items[0], text: 'another excerpt' }]
		};
		expect(classify.validate(broken, context)).toEqual(['label id "claim" is used twice', 'item id "a" is used twice']);
	});

	it('checks every item against the sources (the excerpt is the loader’s job)', () => {
		const quoted: QuotedText[] = [];
		const missing = {
			findQuote: (quote: QuotedText) => {
				quoted.push(quote);
				return quote.text === 'the illegal kidnapping' || quote.text.startsWith('TEHRAN')
					? 'not found in defapress-2026'
					: null;
			}
		};
		expect(classify.validate(withExcerpt, missing)).toEqual([
			'item "b": not found in defapress-2026'
		]);
		expect(quoted.map((q) => [q.source, q.text, q.occurrence])).toEqual([
			['defapress-2026', 'Bolivia voted against the resolution', undefined],
			['defapress-2026', 'the illegal kidnapping', undefined],
			['defapress-2026', 'US-imposed foreign policy', 2]
		]);
	});
});

describe('classify.discernment', () => {
	const claimSet: ClassifyQuestion = {
		id: 'd',
		type: 'classify',
		prompt: 'Label',
		explanation: 'E',
		labels: [
			{ id: 'claim', text: 'Claim' },
			{ id: 'framing', text: 'Framing' },
			{ id: 'mixed', text: 'Mixed' }
		],
		items: [
			{ id: 'a', source: 's', text: 'plain one', label: 'claim', feedback: 'f' },
			{ id: 'b', source: 's', text: 'plain two', label: 'claim', feedback: 'f' },
			{ id: 'c', source: 's', text: 'loaded', label: 'framing', feedback: 'f' }
		]
	};

	it('counts plain claims called framing or mixed (over-flagged), and framed ones called plain claims (missed)', () => {
		expect(classify.discernment!(claimSet, { labels: { a: 'framing', b: 'claim', c: 'framing' } })).toEqual({ neutral: 2, flagged: 1, framed: 1, missed: 0 });
		expect(classify.discernment!(claimSet, { labels: { a: 'mixed', b: 'framing', c: 'claim' } })).toEqual({ neutral: 2, flagged: 2, framed: 1, missed: 1 });
	});

	it('has nothing to count in other label sets', () => {
		const other = { ...claimSet, labels: [{ id: 'named', text: 'N' }, { id: 'none', text: 'X' }] };
		expect(classify.discernment!(other, { labels: {} })).toEqual({ neutral: 0, flagged: 0, framed: 0, missed: 0 });
	});
});

describe('classify.draft', () => {
	it('keeps the labels chosen so far, leaving out blanks and unknown labels', () => {
		const publicView = classify.toPublic(question, 'v1');
		expect(classify.draft!(form([['item-a', 'claim'], ['item-b', ''], ['item-c', 'nonsense'], ['item-zz', 'claim']]), publicView)).toEqual({
			labels: { a: 'claim' }
		});
	});
});
