import { describe, expect, it } from 'vitest';
import type { Attempt } from '../db/schema';
import { diagnosticGain, diagnosticResult, lessonProgress } from './progress';

function attempt(questionId: string, earned: number, contentVersion = 'v1'): Attempt {
	return {
		id: 1,
		userId: 'u',
		lessonSlug: 'l',
		questionId,
		contentVersion,
		response: '{}',
		earned,
		total: 1,
		neutralSeen: 0,
		neutralFlagged: 0,
		framedSeen: 0,
		framedMissed: 0,
		createdAt: new Date()
	};
}

const lessons = [
	{ slug: 'one', title: 'One', number: 1, questionIds: ['a', 'b', 'c', 'd'] },
	{ slug: 'two', title: 'Two', number: 2, questionIds: [] }
];
const versions = new Map([
	['a', 'v1'],
	['b', 'v1'],
	['c', 'v2'],
	['d', 'v1']
]);

describe('lessonProgress', () => {
	it('counts answered questions and scores over all questions of the lesson', () => {
		const latest = new Map([
			['a', attempt('a', 1)],
			['b', attempt('b', 0.5)]
		]);
		const [one, two] = lessonProgress(lessons, versions, latest);
		expect(one).toEqual({ slug: 'one', title: 'One', number: 1, questions: 4, answered: 2, score: 0.375 });
		expect(two).toMatchObject({ questions: 0, answered: 0, score: 0 });
	});

	it('ignores attempts on an older version of a question', () => {
		const latest = new Map([['c', attempt('c', 1, 'v1')]]);
		expect(lessonProgress(lessons, versions, latest)[0]).toMatchObject({ answered: 0, score: 0 });
	});
});

describe('diagnosticResult', () => {
	const lesson = { slug: 'check', title: 'Check', questionIds: ['a', 'b'] };
	const versions = new Map([
		['a', 'v1'],
		['b', 'v1']
	]);

	it('has no score until every question is answered', () => {
		const first = new Map([['a', attempt('a', 1)]]);
		expect(diagnosticResult(lesson, versions, first)).toEqual({ slug: 'check', title: 'Check', questions: 2, answered: 1, score: null });
	});

	it('scores the mean of first attempts', () => {
		const first = new Map([
			['a', attempt('a', 1)],
			['b', attempt('b', 0.5)]
		]);
		expect(diagnosticResult(lesson, versions, first).score).toBe(0.75);
	});

	it('does not count a first attempt on an older version', () => {
		const first = new Map([
			['a', attempt('a', 1)],
			['b', attempt('b', 1, 'v0')]
		]);
		expect(diagnosticResult(lesson, versions, first)).toMatchObject({ answered: 1, score: null });
	});
});

describe('diagnosticGain', () => {
	it('reports raw and normalised gain', () => {
		expect(diagnosticGain(0.4, 0.7)).toEqual({ raw: expect.closeTo(0.3), normalised: expect.closeTo(0.5) });
		expect(diagnosticGain(1, 1)).toEqual({ raw: 0, normalised: null });
		expect(diagnosticGain(null, 0.7)).toBeNull();
	});
});
