import { describe, expect, it } from 'vitest';
import { headingSlug, rehypeHeadingIds } from './heading-ids.js';

describe('headingSlug', () => {
	it('makes lower-case, hyphenated ids that start with a letter', () => {
		expect(headingSlug('Framing: words that steer')).toBe('framing-words-that-steer');
		expect(headingSlug('Who’s speaking? Café')).toBe('who-s-speaking-cafe');
		expect(headingSlug('8. Plainer words')).toBe('section-8-plainer-words');
		expect(headingSlug('!!!')).toBe('section-untitled');
	});
});

describe('rehypeHeadingIds', () => {
	it('gives each h2 an id from its text, numbering repeats and keeping ids already there', () => {
		const h2 = (children: unknown[], properties: Record<string, unknown> = {}) => ({ type: 'element', tagName: 'h2', properties, children });
		const tree = {
			type: 'root',
			children: [
				h2([{ type: 'text', value: 'Two kinds ' }, { type: 'element', tagName: 'em', children: [{ type: 'text', value: 'of' }] }, { type: 'text', value: ' sentence' }]),
				h2([{ type: 'text', value: 'Two kinds of sentence' }]),
				h2([{ type: 'text', value: 'Mine' }], { id: 'kept' }),
				{ type: 'element', tagName: 'h3', properties: {}, children: [{ type: 'text', value: 'Not a section' }] }
			]
		};
		rehypeHeadingIds()(tree as Parameters<ReturnType<typeof rehypeHeadingIds>>[0]);
		expect(tree.children.map((node) => (node as { properties: { id?: string } }).properties.id)).toEqual([
			'two-kinds-of-sentence',
			'two-kinds-of-sentence-2',
			'kept',
			undefined
		]);
	});
});
