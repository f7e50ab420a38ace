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
