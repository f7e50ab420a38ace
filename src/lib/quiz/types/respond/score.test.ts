import { describe, expect, it } from 'vitest';
import { writtenScore } from './score';

const question = {
	selfCheck: [{ id: 'facts' }, { id: 'words' }, { id: 'source' }, { id: 'length' }],
	rubric: [{ score: 0 }, { score: 1 }, { score: 2 }]
};

describe('writtenScore', () => {
	it('is 0 of 1 before the self-check, with nothing to rest on', () => {
		expect(writtenScore(question, null, null)).toEqual({ earned: 0, total: 1, basis: 'none' });
	});

	it('is the share of statements ticked once the learner self-checks (unknown ids ignored)', () => {
		expect(writtenScore(question, { ticked: ['facts', 'words', 'words', 'gone'] }, null)).toEqual({ earned: 0.5, total: 1, basis: 'self-check' });
		expect(writtenScore(question, { ticked: [] }, null)).toEqual({ earned: 0, total: 1, basis: 'self-check' });
	});

	it('is the teacher’s rubric score over the top score once reviewed, whatever the self-check said', () => {
		expect(writtenScore(question, { ticked: ['facts', 'words', 'source', 'length'] }, { score: 1 })).toEqual({ earned: 0.5, total: 1, basis: 'review' });
		expect(writtenScore(question, null, { score: 2 })).toEqual({ earned: 1, total: 1, basis: 'review' });
		expect(writtenScore(question, null, { score: 0 })).toEqual({ earned: 0, total: 1, basis: 'review' });
	});

	it('uses the top score even when the rubric lists it first', () => {
		expect(writtenScore({ ...question, rubric: [{ score: 4 }, { score: 0 }, { score: 2 }] }, null, { score: 2 }).earned).toBe(0.5);
	});
});
