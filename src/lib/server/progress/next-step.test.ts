import { describe, expect, it } from 'vitest';
import { nextStep } from './next-step';

const lesson = (number: number, questionIds: string[]) => ({
	slug: `lesson-${number}`,
	number,
	title: `Lesson ${number}`,
	summary: '',
	minutes: 10,
	questionIds
});
const lessons = [lesson(0, ['a1', 'a2']), lesson(1, ['b1', 'b2', 'b3']), lesson(2, ['c1'])];

/** Latest attempts, the first one oldest. */
function answered(...questionIds: string[]) {
	return new Map(questionIds.map((questionId, i) => [questionId, { questionId, id: i + 1 }]));
}

describe('nextStep', () => {
	it('starts a learner who has answered nothing at the first lesson', () => {
		expect(nextStep(lessons, answered())).toMatchObject({ kind: 'start', lesson: { slug: 'lesson-0', number: 0 } });
	});

	it('continues in the lesson of the latest answer, at its first open question', () => {
		expect(nextStep(lessons, answered('a1', 'a2', 'b2'))).toEqual({
			kind: 'continue',
			lesson: { slug: 'lesson-1', number: 1, title: 'Lesson 1', summary: '', minutes: 10 },
			questionId: 'b1'
		});
	});

	it('moves on to the next lesson with questions left once that lesson is done', () => {
		expect(nextStep(lessons, answered('b1', 'b2', 'b3'))).toMatchObject({ kind: 'continue', lesson: { slug: 'lesson-2' }, questionId: 'c1' });
		// After the last lesson, back to the first one with something left.
		expect(nextStep(lessons, answered('b1', 'b2', 'b3', 'c1'))).toMatchObject({ kind: 'continue', lesson: { slug: 'lesson-0' }, questionId: 'a1' });
	});

	it('goes by which answer came last, not by the order of the lessons or of the map', () => {
		const latest = new Map([
			['a1', { questionId: 'a1', id: 7 }],
			['c1', { questionId: 'c1', id: 3 }]
		]);
		expect(nextStep(lessons, latest)).toMatchObject({ kind: 'continue', lesson: { slug: 'lesson-0' }, questionId: 'a2' });
	});

	it('says done when every question has an answer', () => {
		expect(nextStep(lessons, answered('a1', 'a2', 'b1', 'b2', 'b3', 'c1'))).toEqual({ kind: 'done' });
	});
});
