import { describe, expect, it } from 'vitest';
import type { ClassifyPublic } from '.';
import { classifySummary } from './summary';
import { matchSummary } from '../match/summary';
import type { MatchPublic } from '../match';

describe('classifySummary and matchSummary', () => {
	it('give the score as parts right of all parts', () => {
		const classify = { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } as ClassifyPublic;
		const parts = [
			{ id: 'a', verdict: 'correct' as const, feedback: '' },
			{ id: 'b', verdict: 'incorrect' as const, feedback: '' },
			{ id: 'c', verdict: 'incorrect' as const, feedback: '' }
		];
		expect(classifySummary(classify, { earned: 1 / 3, total: 1, parts })).toBe('You scored 1 of 3');
		const match = { left: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } as MatchPublic;
		expect(matchSummary(match, { earned: 1 / 3, total: 1, parts })).toBe('You scored 1 of 3');
	});
});
