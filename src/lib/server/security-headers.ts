// Headers every page response carries, besides the Content-Security-Policy that SvelteKit sets
// from kit.csp in svelte.config.js.

const ALWAYS: Record<string, string> = {
	// Never guess a file's type from its contents (an uploaded "image" cannot become a script).
	'x-content-type-options': 'nosniff',
	// Other sites learn only that a visitor came from this one, never which page (lesson, class id).
	'referrer-policy': 'strict-origin-when-cross-origin',
	// The course needs no camera, microphone, location, payments or USB: switch them all off.
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	// For old browsers that ignore CSP frame-ancestors: no framing (no clickjacking).
	'x-frame-options': 'DENY'
};

/** Browsers remember for a year to use HTTPS only; sent only when we are served over HTTPS. */
const HSTS = 'max-age=31536000; includeSubDomains';

export function setSecurityHeaders(headers: Headers, url: URL): void {
	for (const [name, value] of Object.entries(ALWAYS)) {
		if (!headers.has(name)) headers.set(name, value);
	}
	if (url.protocol === 'https:') headers.set('strict-transport-security', HSTS);
}
