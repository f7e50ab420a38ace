import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCourse } from './course';

// The real course must always validate: this is the content check inside `npm test`.
describe('the course in lessons/', () => {
	it('validates, with lesson 01 first', async () => {
		const course = await buildCourse(resolve('lessons'));
		expect(course.lessons[0].slug).toBe('who-is-speaking');
		expect(course.sources.has('defapress-2026')).toBe(true);
		expect(course.sources.has('gae-2023')).toBe(true);
	});
});
