import { describe, expect, it } from 'vitest';
import { RateLimits, retryMessage } from './rate-limit';

const tight = {
	loginFailuresPerUsername: { points: 3, duration: 1 },
	loginPerIp: { points: 5, duration: 1 },
	signupPerIp: { points: 2, duration: 1 },
	codeFailures: { points: 2, duration: 1 },
	joinLookupsPerIp: { points: 2, duration: 1 },
	guestsPerIp: { points: 2, duration: 1 },
	answersPerSession: { points: 3, duration: 1 },
	answersPerIp: { points: 5, duration: 1 }
};

describe('RateLimits', () => {
	it('allows the limit, then blocks with a "try again" message', async () => {
		const limits = new RateLimits(tight);
		for (let i = 0; i < 3; i++) expect(await limits.consume('loginFailuresPerUsername', 'ana')).toBeNull();
		expect(await limits.blocked('loginFailuresPerUsername', 'ana')).toBe('Too many attempts. Please try again in 1 minute.');
		expect(await limits.consume('loginFailuresPerUsername', 'ana')).toMatch(/try again in 1 minute/);
		// Other keys are not affected.
		expect(await limits.blocked('loginFailuresPerUsername', 'ben')).toBeNull();
	});

	it('resets when the window has passed', async () => {
		const limits = new RateLimits(tight);
		await limits.consume('codeFailures', 'u1');
		await limits.consume('codeFailures', 'u1');
		expect(await limits.blocked('codeFailures', 'u1')).not.toBeNull();
		await new Promise((r) => setTimeout(r, 1100));
		expect(await limits.blocked('codeFailures', 'u1')).toBeNull();
	});

	it('resets on demand (a successful sign-in clears the failures)', async () => {
		const limits = new RateLimits(tight);
		for (let i = 0; i < 3; i++) await limits.consume('loginFailuresPerUsername', 'ana');
		await limits.reset('loginFailuresPerUsername', 'ana');
		expect(await limits.blocked('loginFailuresPerUsername', 'ana')).toBeNull();
	});
});

describe('retryMessage', () => {
	it('rounds up to whole minutes', () => {
		expect(retryMessage(61_000)).toBe('Too many attempts. Please try again in 2 minutes.');
		expect(retryMessage(10)).toBe('Too many attempts. Please try again in 1 minute.');
	});
});
