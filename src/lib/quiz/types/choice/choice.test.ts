import { describe, expect, it } from 'vitest';
import { choice, type ChoiceQuestion } from '.';
import { orderSeed, shownOrder } from '../../order';

const single: ChoiceQuestion = {
	id: 'q',
	type: 'choice',
	prompt: 'Who published it?',
	explanation: 'The dateline says so.',
	multiple: false,
	options: [
		{ id: 'a', text: 'Defapress', correct: true, feedback: 'Yes: the dateline.' },
		{ id: 'b', text: 'Reuters', correct: false, feedback: 'Reuters is upstream.' },
		{ id: 'c', text: 'Nobody', correct: false, feedback: 'Someone did.' }
	]
};
const multiple: ChoiceQuestion = {
	...single,
	multiple: true,
	options: [
		{ id: 'a', text: 'A', correct: true, feedback: 'fa' },
		{ id: 'b', text: 'B', correct: true, feedback: 'fb' },
		{ id: 'c', text: 'C', correct: false, feedback: 'fc' },
		{ id: 'd', text: 'D', correct: false, feedback: 'fd' }
	]
};

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

describe('choice.toPublic', () => {
	it('strips correctness and feedback', () => {
		const publicView = choice.toPublic(single, 'v1');
		expect(JSON.stringify(publicView)).not.toMatch(/correct|feedback|explanation|dateline/);
		expect([...publicView.options].sort((x, y) => x.id.localeCompare(y.id))).toEqual([
			{ id: 'a', text: 'Defapress' },
			{ id: 'b', text: 'Reuters' },
			{ id: 'c', text: 'Nobody' }
		]);
	});

	it('shows the options in the shuffled order for this question and version, the same every time', () => {
		const shown = choice.toPublic(single, 'v1').options.map((o) => o.id);
		expect(shown).toEqual(shownOrder(single.options, orderSeed(single.id, 'v1')).map((o) => o.id));
		expect(choice.toPublic(single, 'v1').options.map((o) => o.id)).toEqual(shown);
	});

	it('grades by option id, whatever the order shown', () => {
		for (const version of ['v1', 'v2', 'v3']) {
			const shown = choice.toPublic(single, version);
			const parsed = choice.parseResponse(form([['choice', 'a']]), shown);
			expect(parsed.ok && choice.grade(single, parsed.response).earned).toBe(choice.grade(single, { selected: ['a'] }).earned);
		}
	});
});

describe('choice.parseResponse', () => {
	const publicSingle = choice.toPublic(single, 'v1');
	const publicMultiple = choice.toPublic(multiple, 'v1');

	it('reads one option', () => {
		expect(choice.parseResponse(form([['choice', 'b']]), publicSingle)).toEqual({ ok: true, response: { selected: ['b'] } });
	});

	it('asks for an answer when nothing is chosen', () => {
		expect(choice.parseResponse(form([]), publicSingle)).toEqual({ ok: false, error: 'Choose an option.' });
		expect(choice.parseResponse(form([]), publicMultiple)).toEqual({ ok: false, error: 'Choose at least one option.' });
	});

	it('refuses two options for a single-answer question', () => {
		expect(choice.parseResponse(form([['choice', 'a'], ['choice', 'b']]), publicSingle)).toMatchObject({ ok: false });
	});

	it('refuses an option that is not in the question', () => {
		expect(choice.parseResponse(form([['choice', 'z']]), publicSingle)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/not part of this question/)
		});
	});

	it('refuses a forged extra field', () => {
		expect(choice.parseResponse(form([['choice', 'a'], ['earned', '1']]), publicSingle)).toMatchObject({ ok: false });
	});

	it('collapses a repeated option and keeps option order', () => {
		expect(choice.parseResponse(form([['choice', 'b'], ['choice', 'a'], ['choice', 'b']]), publicMultiple)).toEqual({
			ok: true,
			response: { selected: ['a', 'b'] }
		});
	});
});

describe('choice.grade', () => {
	it('gives full marks for the right single answer, with its feedback', () => {
		const grade = choice.grade(single, { selected: ['a'] });
		expect(grade).toEqual({ earned: 1, total: 1, parts: [{ id: 'a', verdict: 'correct', feedback: 'Yes: the dateline.' }] });
	});

	it('gives nothing for a wrong single answer and shows the right one as missed', () => {
		const grade = choice.grade(single, { selected: ['b'] });
		expect(grade.earned).toBe(0);
		expect(grade.parts).toEqual([
			{ id: 'a', verdict: 'missed', feedback: 'Yes: the dateline.' },
			{ id: 'b', verdict: 'incorrect', feedback: 'Reuters is upstream.' }
		]);
	});

	it('lets wrong picks cancel right ones, so choosing all scores nothing', () => {
		expect(choice.grade(multiple, { selected: ['a', 'b', 'c', 'd'] }).earned).toBe(0);
		expect(choice.grade(multiple, { selected: ['a', 'b'] }).earned).toBe(1);
		expect(choice.grade(multiple, { selected: ['a'] }).earned).toBe(0.5);
		expect(choice.grade(multiple, { selected: ['a', 'c'] }).earned).toBe(0);
	});
});

describe('choice.validate', () => {
	const context = { findQuote: () => null };

	it('accepts a consistent key', () => {
		expect(choice.validate(single, context)).toEqual([]);
	});

	it('rejects a single-answer question with two correct options, and duplicate ids', () => {
		const broken = { ...single, options: [...single.options, { id: 'a', text: 'Again', correct: true, feedback: 'x' }] };
		expect(choice.validate(broken, context)).toEqual([
			'option id "a" is used twice',
			'a single-answer question needs exactly one correct option, not 2'
		]);
	});
});
