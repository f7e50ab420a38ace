import { describe, expect, it } from 'vitest';
import type { QuotedText } from '../../contract';
import { match, type MatchQuestion } from '.';

const question: MatchQuestion = {
	id: 'euphemism-pairs',
	type: 'match',
	prompt: 'Pair each phrase with what it plainly means.',
	explanation: 'Each euphemism softens a concrete act.',
	left: [
		{
			id: 'a',
			text: 'manage the presence of Iranian-linked individuals',
			source: 'defapress-2026',
			match: 'x',
			feedback: 'Managing a presence here means sending people away.'
		},
		{
			id: 'b',
			text: 'exerting diplomatic pressure',
			source: 'defapress-2026',
			occurrence: 2,
			match: 'y',
			feedback: 'Pressure from a government is a demand.'
		},
		{ id: 'c', text: 'a review of ties', match: 'z', feedback: 'A review usually ends in cuts.' }
	],
	right: [
		{ id: 'x', text: 'expel suspected Iranian spies' },
		{ id: 'y', text: 'demand a change of policy' },
		{ id: 'z', text: 'cut relations' },
		{ id: 'w', text: 'a distractor that matches nothing' }
	]
};
const withExcerpt: MatchQuestion = {
	...question,
	excerpt: { source: 'defapress-2026', text: 'TEHRAN (Defapress) - The United States' }
};

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

const UNEXPECTED = 'The answer contained something this question does not ask for. Please reload the page and answer again.';

describe('match.toPublic', () => {
	it('strips matches, feedback and the explanation', () => {
		const publicView = match.toPublic(question, 'v1');
		expect(JSON.stringify(publicView)).not.toMatch(
			/"match":|feedback|explanation|occurrence|sending people away|is a demand|ends in cuts|softens/
		);
		expect(publicView).toEqual({
			id: 'euphemism-pairs',
			type: 'match',
			prompt: 'Pair each phrase with what it plainly means.',
			excerpt: null,
			left: [
				{ id: 'a', text: 'manage the presence of Iranian-linked individuals', source: 'defapress-2026' },
				{ id: 'b', text: 'exerting diplomatic pressure', source: 'defapress-2026' },
				{ id: 'c', text: 'a review of ties', source: null }
			],
			right: expect.arrayContaining(question.right)
		});
		expect(publicView.right).toHaveLength(question.right.length);
	});

	it('shuffles the right-hand list the same way every time', () => {
		const order = match.toPublic(question, 'v1').right.map((r) => r.id);
		expect(match.toPublic(question, 'v1').right.map((r) => r.id)).toEqual(order);
		expect([...order].sort()).toEqual(['w', 'x', 'y', 'z']);
	});

	it('passes the excerpt through', () => {
		expect(match.toPublic(withExcerpt, 'v1').excerpt).toEqual({
			source: 'defapress-2026',
			text: 'TEHRAN (Defapress) - The United States'
		});
	});
});

describe('match.parseResponse', () => {
	const publicView = match.toPublic(question, 'v1');

	it('reads one partner per item', () => {
		const result = match.parseResponse(
			form([
				['questionId', 'euphemism-pairs'],
				['pair-a', 'x'],
				['pair-b', 'y'],
				['pair-c', 'w']
			]),
			publicView
		);
		expect(result).toEqual({ ok: true, response: { pairs: { a: 'x', b: 'y', c: 'w' } } });
	});

	it('accepts the same partner for two items (grading judges it)', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-b', 'x'],
				['pair-c', 'x']
			]),
			publicView
		);
		expect(result).toEqual({ ok: true, response: { pairs: { a: 'x', b: 'x', c: 'x' } } });
	});

	it('asks for every pair when the form is empty', () => {
		expect(match.parseResponse(form([]), publicView)).toEqual({
			ok: false,
			error: 'Pair every item before checking (3 still need a partner).'
		});
	});

	it('counts a blank value as unanswered, in the singular for one', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-b', 'y'],
				['pair-c', '']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: 'Pair every item before checking (1 still needs a partner).' });
	});

	it('refuses every partner sent for one item', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-a', 'y'],
				['pair-a', 'z'],
				['pair-a', 'w'],
				['pair-b', 'y'],
				['pair-c', 'z']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: 'Pair each item with only one partner.' });
	});

	it('refuses the same field sent twice, even with the same value', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-a', 'x'],
				['pair-b', 'y'],
				['pair-c', 'z']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: 'Pair each item with only one partner.' });
	});

	it('refuses a right id that is not one of the choices', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-b', 'v'],
				['pair-c', 'z']
			]),
			publicView
		);
		expect(result).toEqual({
			ok: false,
			error: 'That partner is not one of the choices. Please reload the page and try again.'
		});
	});

	it('refuses a left item that is not in the question', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-b', 'y'],
				['pair-c', 'z'],
				['pair-q', 'w']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: UNEXPECTED });
	});

	it('refuses a forged extra field', () => {
		const result = match.parseResponse(
			form([
				['pair-a', 'x'],
				['pair-b', 'y'],
				['pair-c', 'z'],
				['earned', '1']
			]),
			publicView
		);
		expect(result).toEqual({ ok: false, error: UNEXPECTED });
	});
});

describe('match.grade', () => {
	it('gives full marks when every item is paired right, showing each expected partner', () => {
		const grade = match.grade(question, { pairs: { a: 'x', b: 'y', c: 'z' } });
		expect(grade).toEqual({
			earned: 1,
			total: 1,
			parts: [
				{ id: 'a', verdict: 'correct', feedback: 'Managing a presence here means sending people away.', expected: 'x' },
				{ id: 'b', verdict: 'correct', feedback: 'Pressure from a government is a demand.', expected: 'y' },
				{ id: 'c', verdict: 'correct', feedback: 'A review usually ends in cuts.', expected: 'z' }
			]
		});
	});

	it('gives nothing when every item is paired wrong', () => {
		const grade = match.grade(question, { pairs: { a: 'y', b: 'z', c: 'w' } });
		expect(grade).toEqual({
			earned: 0,
			total: 1,
			parts: [
				{ id: 'a', verdict: 'incorrect', feedback: 'Managing a presence here means sending people away.', expected: 'x' },
				{ id: 'b', verdict: 'incorrect', feedback: 'Pressure from a government is a demand.', expected: 'y' },
				{ id: 'c', verdict: 'incorrect', feedback: 'A review usually ends in cuts.', expected: 'z' }
			]
		});
	});

	it('gives the share of items paired right', () => {
		const grade = match.grade(question, { pairs: { a: 'x', b: 'w', c: 'z' } });
		expect(grade.earned).toBe(2 / 3);
		expect(grade.total).toBe(1);
		expect(grade.parts.map((p) => [p.id, p.verdict, p.expected])).toEqual([
			['a', 'correct', 'x'],
			['b', 'incorrect', 'y'],
			['c', 'correct', 'z']
		]);
	});

	it('gives one right out of three when one partner is used for every item', () => {
		expect(match.grade(question, { pairs: { a: 'x', b: 'x', c: 'x' } }).earned).toBe(1 / 3);
	});
});

describe('match.validate', () => {
	const context = { findQuote: () => null };

	it('accepts a consistent question', () => {
		expect(match.validate(question, context)).toEqual([]);
		expect(match.validate(withExcerpt, context)).toEqual([]);
	});

	it('rejects a match naming a right id that does not exist', () => {
		const broken: MatchQuestion = { ...question, left: [question.left[0], { ...question.left[1], match: 'v' }, question.left[2]] };
		expect(match.validate(broken, context)).toEqual(['left "b" matches "v", which is not in right']);
	});

	it('rejects duplicate left ids and duplicate right ids', () => {
		const broken: MatchQuestion = {
			...question,
			left: [...question.left, { ...question.left[2], text: 'another phrase' }],
			right: [...question.right, { id: 'x', text: 'x again' }]
		};
		expect(match.validate(broken, context)).toEqual(['left id "c" is used twice', 'right id "x" is used twice']);
	});

	it('rejects a right list shorter than the left', () => {
		const broken: MatchQuestion = {
			...question,
			left: [
				...question.left,
				{ id: 'd', text: 'an extra phrase', match: 'w', feedback: 'Extra.' },
				{ id: 'e', text: 'one more phrase', match: 'w', feedback: 'More.' }
			]
		};
		expect(match.validate(broken, context)).toEqual(['the right list needs at least as many items as the left']);
	});

	it('checks quoted left items against the sources, not unquoted ones (the excerpt is the loader’s job)', () => {
		const quoted: QuotedText[] = [];
		const missing = {
			findQuote: (quote: QuotedText) => {
				quoted.push(quote);
				return 'not found in defapress-2026';
			}
		};
		expect(match.validate(withExcerpt, missing)).toEqual([
			'left "a": not found in defapress-2026',
			'left "b": not found in defapress-2026'
		]);
		expect(quoted).toEqual([
			{ source: 'defapress-2026', text: 'manage the presence of Iranian-linked individuals', occurrence: undefined },
			{ source: 'defapress-2026', text: 'exerting diplomatic pressure', occurrence: 2 }
		]);
	});
});

describe('match.draft', () => {
	it('keeps the partners chosen so far, leaving out blanks and unknown partners', () => {
		const publicView = match.toPublic(question, 'v1');
		expect(match.draft!(form([['pair-a', 'x'], ['pair-b', 'nope'], ['pair-c', '']]), publicView)).toEqual({ pairs: { a: 'x' } });
	});
});

describe('match.validate', () => {
	const context = { findQuote: () => null };

	it('accepts a prompt that speaks of "the options"', () => {
		expect(match.validate(question, context)).toEqual([]);
	});

	it('refuses a prompt that points to a left or right column learners never see', () => {
		const problems = match.validate({ ...question, prompt: 'Pair each phrase. Two options on the right match nothing.' }, context);
		expect(problems).toEqual([expect.stringContaining('"on the right"')]);
	});
});
