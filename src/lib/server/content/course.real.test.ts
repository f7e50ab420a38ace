import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCourse } from './course';

// The real course must always validate (this is the content check inside `npm test`) and keep
// the shape the course promises its learners.
const course = await buildCourse(resolve('lessons'));

describe('the course in lessons/', () => {
	it('runs from the before check to the after check', () => {
		expect(course.lessons[0].diagnostic).toBe('before');
		expect(course.lessons.at(-1)!.diagnostic).toBe('after');
		expect(course.lessons.map((l) => l.number)).toEqual(course.lessons.map((_, i) => i));
		expect(course.sources.has('defapress-2026')).toBe(true);
		expect(course.sources.has('gae-2023')).toBe(true);
	});

	it('gives every lesson at least 6 questions, and each diagnostic 8 to 12', () => {
		for (const lesson of course.lessons) {
			const count = lesson.questionIds.length;
			if (lesson.diagnostic) expect(count, lesson.slug).toBeGreaterThanOrEqual(8);
			if (lesson.diagnostic) expect(count, lesson.slug).toBeLessThanOrEqual(12);
			else expect(count, lesson.slug).toBeGreaterThanOrEqual(6);
		}
	});

	it('has at least 80 questions, of every type, and every diagnostic uses every graded type', () => {
		const questions = [...course.questions.values()];
		expect(questions.length).toBeGreaterThanOrEqual(80);
		expect(new Set(questions.map((q) => q.type))).toEqual(new Set(['choice', 'classify', 'highlight', 'match', 'respond']));
		// Written (respond) answers are scored by the learner and a teacher: never in the diagnostics.
		for (const lesson of course.lessons.filter((l) => l.diagnostic)) {
			const types = new Set(lesson.questionIds.map((id) => course.questions.get(id)!.type));
			expect(types, lesson.slug).toEqual(new Set(['choice', 'classify', 'highlight', 'match']));
		}
	});

	it('links every glossary term from at least one lesson', async () => {
		const { readFileSync } = await import('node:fs');
		const prose = course.lessons.map((l) => readFileSync(resolve('lessons', l.dir, 'lesson.md'), 'utf8')).join('\n');
		for (const entry of course.glossary) expect(prose, entry.id).toContain(`(/glossary#${entry.id})`);
	});
});
