import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { rehypeHeadingIds } from './src/lib/content/heading-ids.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	// Lessons are Markdown with Svelte components in them (mdsvex).
	extensions: ['.svelte', '.md'],
	// Section headings get ids (heading-ids.js), so a lesson's progress bar can jump to them.
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.md'], rehypePlugins: [rehypeHeadingIds] })],
	kit: {
		adapter: adapter(),
		// Content Security Policy: SvelteKit adds the hash of its own inline start-up script, so no
		// other inline script can run. Hashes rather than nonces keep a page the same for every
		// visitor, so pages for visitors without a session can be stored (guest-page-cache.ts).
		// Inline *styles* stay allowed: Svelte's style: directives and the chart library write
		// style attributes, which carry far less risk.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none']
			}
		},
		alias: {
			$lessons: 'lessons'
		}
	}
};

export default config;
