import { describe, expect, it } from 'vitest';
import { GuestPageCache } from './guest-page-cache';

const get = (path: string) => new Request(`http://localhost${path}`);
const html = (body: string, init: ResponseInit = {}) =>
	new Response(body, { status: 200, ...init, headers: { 'content-type': 'text/html', ...(init.headers ?? {}) } });

describe('GuestPageCache', () => {
	it('applies to plain GETs of course pages by visitors without a session', () => {
		const cache = new GuestPageCache();
		const applies = (path: string, cookie = false, method = 'GET', isDataRequest = false) =>
			cache.applies({ request: new Request(`http://localhost${path}`, { method }), url: new URL(`http://localhost${path}`), isDataRequest }, cookie);
		for (const path of ['/', '/glossary', '/lessons/who-is-speaking', '/sources/gae-2023']) expect(applies(path), path).toBe(true);
		expect(applies('/lessons/who-is-speaking', true)).toBe(false);
		expect(applies('/lessons/who-is-speaking', false, 'POST')).toBe(false);
		expect(applies('/sources/gae-2023?from=1&to=2')).toBe(false);
		for (const path of ['/progress', '/teach', '/login', '/lessons/x/__data.json', '/healthz']) expect(applies(path), path).toBe(false);
		// The page's data, asked for by its script: SvelteKit hands it over with the page's own url.
		expect(applies('/lessons/who-is-speaking', false, 'GET', true)).toBe(false);
	});

	it('serves the stored page with its headers', async () => {
		const cache = new GuestPageCache();
		expect(cache.get('/')).toBeNull();
		const sent = await cache.store('/', html('<p>hello</p>', { headers: { 'content-security-policy': "script-src 'self'" } }));
		expect(await sent.text()).toBe('<p>hello</p>');
		const hit = cache.get('/')!;
		expect(hit.status).toBe(200);
		expect(await hit.text()).toBe('<p>hello</p>');
		expect(hit.headers.get('content-security-policy')).toBe("script-src 'self'");
	});

	it('never stores errors, other content, or responses that set a cookie', async () => {
		const cache = new GuestPageCache();
		await cache.store('/a', new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } }));
		await cache.store('/b', new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
		await cache.store('/c', html('x', { headers: { 'set-cookie': 'session=abc' } }));
		expect(cache.size).toBe(0);
		expect(await (await cache.store('/c', html('y', { headers: { 'set-cookie': 'session=abc' } }))).text()).toBe('y');
	});

	it('stops storing at its bound', async () => {
		const cache = new GuestPageCache();
		for (let i = 0; i < 150; i++) await cache.store(`/lessons/l${i}`, html(`${i}`));
		expect(cache.size).toBe(100);
	});
});
