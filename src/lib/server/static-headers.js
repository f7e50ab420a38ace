// @ts-check
// Security headers that suit every response, static files included. Plain JavaScript, because
// two places share this one definition: hooks.server.ts (through security-headers.ts) for
// SvelteKit's responses, and scripts/serve.js, the production entry that runs as plain node
// and sets them before adapter-node serves a static file (sirv answers those before any hook).

/** @type {Readonly<Record<string, string>>} */
export const STATIC_HEADERS = Object.freeze({
	// Never guess a file's type from its contents (an uploaded "image" cannot become a script).
	'x-content-type-options': 'nosniff',
	// Other sites learn only that a visitor came from this one, never which page (lesson, class id).
	'referrer-policy': 'strict-origin-when-cross-origin',
	// The course needs no camera, microphone, location, payments or USB: switch them all off.
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	// For old browsers that ignore CSP frame-ancestors: no framing (no clickjacking).
	'x-frame-options': 'DENY'
});
