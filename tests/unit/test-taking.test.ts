// A learner who answers by position, without reading, should score about what guessing scores.
// Over the real course, as the pages show it (toPublic, with each question's version): the
// single-answer questions' keys are spread over the shown positions, and "always the first" or
// "always the last" option scores close to random guessing, whatever order the authors wrote.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCourse, type Course } from '../../src/lib/server/content/course';
import type { ChoicePublic, ChoiceQuestion } from '../../src/lib/quiz/types/choice';
import { choice } from '../../src/lib/quiz/types/choice';

let shown: { question: ChoiceQuestion; options: ChoicePublic['options'] }[];

beforeAll(async () => {
	const course: Course = await buildCourse(resolve('lessons'));
	shown = [...course.questions.values()]
		.filter((q) => q.type === 'choice' && !(q.definition as ChoiceQuestion).multiple)
		.map((q) => {
			const question = q.definition as ChoiceQuestion;
			return { question, options: choice.toPublic(question, q.version).options };
		});
});

/** The mean score of always picking the option `pick` chooses among those shown. */
function strategyScore(pick: (options: ChoicePublic['options']) => string): number {
	const scores = shown.map(({ question, options }) => choice.grade(question, { selected: [pick(options)] }).earned);
	return scores.reduce((a, b) => a + b, 0) / scores.length;
}

describe('answering by position', () => {
	it('scores about what random guessing scores', () => {
		expect(shown.length).toBeGreaterThan(10);
		const guessing = shown.reduce((sum, { options }) => sum + 1 / options.length, 0) / shown.length;
		const first = strategyScore((options) => options[0].id);
		const last = strategyScore((options) => options[options.length - 1].id);
		// With the authored order, "always the first" scored 100%. A fair shuffle stays near guessing.
		expect(Math.abs(first - guessing)).toBeLessThan(0.25);
		expect(Math.abs(last - guessing)).toBeLessThan(0.25);
	});

	it('finds the key in every shown position somewhere in the course, and in no position most of the time', () => {
		const positions = new Map<number, number>();
		for (const { question, options } of shown) {
			const key = question.options.find((o) => o.correct)!.id;
			const position = options.findIndex((o) => o.id === key);
			positions.set(position, (positions.get(position) ?? 0) + 1);
		}
		for (const position of [0, 1, 2, 3]) expect(positions.get(position) ?? 0).toBeGreaterThan(0);
		expect(Math.max(...positions.values())).toBeLessThan(shown.length / 2);
	});
});
