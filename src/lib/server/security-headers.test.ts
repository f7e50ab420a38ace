import { describe, expect, it } from 'vitest';
import { setSecurityHeaders } from './security-headers';

describe('setSecurityHeaders', () => {
	it('sets nosniff, referrer and permissions policies, and no framing', () => {
		const headers = new Headers();
		setSecurityHeaders(headers, new URL('http://localhost:3000/lessons/x'));
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(headers.get('permissions-policy')).toContain('camera=()');
		expect(headers.get('x-frame-options')).toBe('DENY');
	});

	it('sends HSTS only over HTTPS', () => {
		const plain = new Headers();
		setSecurityHeaders(plain, new URL('http://localhost:3000/'));
		expect(plain.has('strict-transport-security')).toBe(false);
		const secure = new Headers();
		setSecurityHeaders(secure, new URL('https://course.example.org/'));
		expect(secure.get('strict-transport-security')).toMatch(/^max-age=31536000/);
	});

	it('keeps a value a route chose itself', () => {
		const headers = new Headers({ 'referrer-policy': 'no-referrer' });
		setSecurityHeaders(headers, new URL('http://localhost/'));
		expect(headers.get('referrer-policy')).toBe('no-referrer');
	});
});

describe('cache-control on pages with personal data', () => {
	it('is no-store on the account pages and every /teach page, data requests included', () => {
		for (const path of ['/account', '/account/two-factor', '/progress', '/progress/__data.json', '/reset', '/login/two-factor', '/teach', '/teach/classes/abc', '/teach/classes/abc/students/u1/__data.json']) {
			const headers = new Headers({ 'cache-control': 'max-age=60' });
			setSecurityHeaders(headers, new URL(`http://localhost${path}`));
			expect(headers.get('cache-control'), path).toBe('no-store');
		}
	});

	it('is no-store on every response to a request with a session, course pages included', () => {
		for (const path of ['/', '/lessons/who-is-speaking', '/lessons/who-is-speaking/__data.json', '/practice/t1', '/join']) {
			const headers = new Headers();
			setSecurityHeaders(headers, new URL(`http://localhost${path}`), true);
			expect(headers.get('cache-control'), path).toBe('no-store');
		}
	});

	it('leaves course pages and look-alike paths cacheable', () => {
		for (const path of ['/', '/lessons/who-is-speaking', '/teacher', '/accounts', '/progressive']) {
			const headers = new Headers();
			setSecurityHeaders(headers, new URL(`http://localhost${path}`));
			expect(headers.has('cache-control'), path).toBe(false);
		}
	});
});
