import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../content/types';
import { lessonBackLink } from './views';

const lesson = {
	slug: 'who-is-speaking',
	title: 'Who is speaking?',
	sources: ['defapress-2026'],
	quotes: [{ source: 'defapress-2026', text: 'TEHRAN', occurrence: 1, paragraph: 1, start: 0, end: 6 }]
} as unknown as Lesson;

describe('lessonBackLink', () => {
	it('leads back to the quote in the lesson that opened the source', () => {
		expect(lessonBackLink([lesson], 'defapress-2026', 'who-is-speaking', { from: 0, to: 6 })).toEqual({
			href: '/lessons/who-is-speaking#quote-defapress-2026-0-6',
			title: 'Who is speaking?'
		});
	});

	it('leads to the top of the lesson when the range is not one of its quotes', () => {
		expect(lessonBackLink([lesson], 'defapress-2026', 'who-is-speaking', { from: 2, to: 6 })?.href).toBe('/lessons/who-is-speaking');
		expect(lessonBackLink([lesson], 'defapress-2026', 'who-is-speaking', null)?.href).toBe('/lessons/who-is-speaking');
	});

	it('ignores a lesson that does not exist or does not use this source', () => {
		expect(lessonBackLink([lesson], 'defapress-2026', 'no-such-lesson', null)).toBeNull();
		expect(lessonBackLink([lesson], 'gae-2023', 'who-is-speaking', null)).toBeNull();
		expect(lessonBackLink([lesson], 'defapress-2026', null, null)).toBeNull();
		expect(lessonBackLink([lesson], 'defapress-2026', '//evil.com', null)).toBeNull();
	});
});
