// Gives each section heading (h2) of a lesson an id made from its words, so the lesson's progress
// bar can jump to it (/lessons/claims-and-framing#framing-words-that-steer). Plain JavaScript:
// svelte.config.js runs it as a rehype plugin of mdsvex, and the content loader runs the same
// plugin, so the sections it lists have exactly the ids the page has.

/**
 * The id for a heading's text: lower-case letters and digits, joined by hyphens.
 * @param {string} text
 * @returns {string}
 */
export function headingSlug(text) {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	// An id must not start with a digit to be a simple CSS selector ("## 8. Plainer words").
	return /^[a-z]/.test(slug) ? slug : `section-${slug || 'untitled'}`;
}

/**
 * @typedef {{ type: string; tagName?: string; value?: string; properties?: Record<string, unknown>; children?: HastNode[] }} HastNode
 */

/** @param {HastNode} node @returns {string} */
function textOf(node) {
	if (node.type === 'text') return node.value ?? '';
	return (node.children ?? []).map(textOf).join('');
}

/** The rehype plugin: ids on h2 headings that have none; repeated headings get -2, -3… */
export function rehypeHeadingIds() {
	/** @param {HastNode} tree */
	return (tree) => {
		/** @type {Map<string, number>} */
		const used = new Map();
		/** @param {HastNode} node */
		const visit = (node) => {
			if (node.type === 'element' && node.tagName === 'h2') {
				node.properties ??= {};
				if (!node.properties.id) {
					const base = headingSlug(textOf(node));
					const count = (used.get(base) ?? 0) + 1;
					used.set(base, count);
					node.properties.id = count === 1 ? base : `${base}-${count}`;
				}
				return;
			}
			for (const child of node.children ?? []) visit(child);
		};
		visit(tree);
	};
}
