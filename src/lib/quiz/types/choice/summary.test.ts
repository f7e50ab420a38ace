import { describe, expect, it } from 'vitest';
import type { Grade, GradedPart } from '../../contract';
import type { ChoicePublic } from '.';
import { choiceSummary } from './summary';

const question = (multiple: boolean) => ({ id: 'q', type: 'choice', prompt: '', excerpt: null, multiple, options: [] }) as ChoicePublic;
const part = (id: string, verdict: GradedPart['verdict']): GradedPart => ({ id, verdict, feedback: '' });
const grade = (...parts: GradedPart[]): Grade => ({ earned: 0, total: 1, parts });

describe('choiceSummary', () => {
	it('says plainly that a single answer was not the right one', () => {
		expect(choiceSummary(question(false), grade(part('a', 'incorrect'), part('b', 'missed')))).toBe('That is not the right answer');
	});

	it('counts right and wrong picks of a choose-all question', () => {
		expect(choiceSummary(question(true), grade(part('a', 'correct'), part('b', 'missed'), part('c', 'incorrect')))).toBe(
			'You picked 1 of the 2 right answers and 1 wrong one'
		);
		expect(choiceSummary(question(true), grade(part('a', 'correct'), part('b', 'missed'), part('c', 'missed')))).toBe('You picked 1 of the 3 right answers');
	});
});
