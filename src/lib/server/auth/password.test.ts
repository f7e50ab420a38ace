import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwordProblem', () => {
	it('accepts a long, uncommon passphrase of up to 256 characters', () => {
		expect(passwordProblem('purple kettles argue at dawn')).toBeNull();
		expect(passwordProblem('x'.repeat(128) + 'y'.repeat(128))).toBeNull();
	});

	it('refuses short, overlong and common passwords', () => {
		expect(passwordProblem('short-one')).toMatch(/at least 12/);
		expect(passwordProblem('a'.repeat(257))).toMatch(/at most 256/);
		expect(passwordProblem('QWERTY123456')).toMatch(/common passwords/);
		expect(passwordProblem('1q2w3e4r5t6y')).toMatch(/common passwords/);
	});
});

describe('hashPassword', () => {
	it('uses argon2id with at least 19 MiB and 2 iterations, and verifies', async () => {
		const stored = await hashPassword('purple kettles argue at dawn');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(stored, 'purple kettles argue at dawn')).toBe(true);
		expect(await verifyPassword(stored, 'purple kettles argue at dusk')).toBe(false);
		expect(await verifyPassword('not a hash', 'anything')).toBe(false);
	});
});
