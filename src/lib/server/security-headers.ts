// Headers every page response carries, besides the Content-Security-Policy that SvelteKit sets
// from kit.csp in svelte.config.js. The values that suit static files too live in
// static-headers.js, shared with the production entry (scripts/serve.js).
import { STATIC_HEADERS } from './static-headers.js';

/** Browsers remember for a year to use HTTPS only; sent only when we are served over HTTPS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Pages with personal data: the account pages, a learner's progress, the sign-in steps that carry
 * codes, and everything an instructor sees (names, scores, answers), with their data requests
 * (/teach/…/__data.json) and CSV files. A shared school
 * computer's browser must not keep them on disk, or show them again from its cache.
 */
const PRIVATE_PAGES = /^\/(account|teach|progress|reset|login\/two-factor)(\/|$)/;

/**
 * `withSession`: the request carried a session cookie. Then every response is personal (a lesson
 * shows the learner's name and answers), and a shared computer's Back button must not bring it
 * back from the browser's cache after the learner has signed out; nor may the sign-out's own
 * redirect be kept.
 */
export function setSecurityHeaders(headers: Headers, url: URL, withSession = false): void {
	for (const [name, value] of Object.entries(STATIC_HEADERS)) {
		if (!headers.has(name)) headers.set(name, value);
	}
	if (url.protocol === 'https:') headers.set('strict-transport-security', HSTS);
	// Set, not merely defaulted: no route under these paths may be cached.
	if (withSession || PRIVATE_PAGES.test(url.pathname)) headers.set('cache-control', 'no-store');
}
