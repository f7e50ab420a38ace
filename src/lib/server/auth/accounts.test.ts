import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { checkCredentials, countAttempts, mergeGuestInto, signUp } from './accounts';

const dir = mkdtempSync(join(tmpdir(), 'course-accounts-'));
const db = openDatabase(join(dir, 'app.db'));
afterAll(() => {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'purple kettles argue at dawn';

function guestWithAttempts(count: number): string {
	const id = crypto.randomUUID();
	db.insert(users).values({ id, role: 'guest' }).run();
	for (let i = 0; i < count; i++) {
		recordAttempt(db, { userId: id, lessonSlug: 'l', questionId: `q${i}`, contentVersion: 'v', response: {}, earned: 1, total: 1 });
	}
	return id;
}

describe('signUp', () => {
	it('creates a student with a lower-cased, case-insensitively unique username', async () => {
		const result = await signUp(db, { username: 'Ana_Maria', displayName: ' Ana ', password: PASSWORD, role: 'student' }, null);
		expect(result.ok).toBe(true);
		const again = await signUp(db, { username: 'ana_maria', displayName: 'Other', password: PASSWORD, role: 'student' }, null);
		expect(again).toEqual({ ok: false, field: 'username', message: 'That username is taken. Try another.' });
		const row = db.select().from(users).where(eq(users.username, 'ana_maria')).get()!;
		expect(row.displayName).toBe('Ana');
		expect(row.passwordHash).toMatch(/^\$argon2id\$/);
	});

	it('says which field is wrong', async () => {
		const base = { username: 'valid_name', displayName: 'V', password: PASSWORD, role: 'student' as const };
		expect(await signUp(db, { ...base, username: 'no spaces!' }, null)).toMatchObject({ ok: false, field: 'username' });
		expect(await signUp(db, { ...base, displayName: '   ' }, null)).toMatchObject({ ok: false, field: 'displayName' });
		expect(await signUp(db, { ...base, password: 'password1234' }, null)).toMatchObject({ ok: false, field: 'password' });
	});

	it('upgrades a guest in place, keeping every attempt', async () => {
		const guest = guestWithAttempts(3);
		const result = await signUp(db, { username: 'former_guest', displayName: 'G', password: PASSWORD, role: 'student' }, guest);
		expect(result).toEqual({ ok: true, userId: guest });
		expect(db.select().from(users).where(eq(users.id, guest)).get()?.role).toBe('student');
		expect(countAttempts(db, guest)).toBe(3);
	});

	it('upgrades a guest with no attempts just the same', async () => {
		const guest = guestWithAttempts(0);
		const result = await signUp(db, { username: 'empty_guest', displayName: 'E', password: PASSWORD, role: 'student' }, guest);
		expect(result).toEqual({ ok: true, userId: guest });
	});
});

describe('checkCredentials', () => {
	it('accepts the right password, whatever the username case, and refuses the rest', async () => {
		await signUp(db, { username: 'carla', displayName: 'Carla', password: PASSWORD, role: 'instructor' }, null);
		expect(await checkCredentials(db, 'CARLA', PASSWORD)).toEqual(expect.any(String));
		expect(await checkCredentials(db, 'carla', 'wrong password here')).toBeNull();
		expect(await checkCredentials(db, 'nobody', PASSWORD)).toBeNull();
	});
});

describe('mergeGuestInto', () => {
	it('moves a guest’s attempts into an account once, and removes the guest', async () => {
		const account = await signUp(db, { username: 'dana', displayName: 'Dana', password: PASSWORD, role: 'student' }, null);
		if (!account.ok) throw new Error('sign-up failed');
		const guest = guestWithAttempts(2);
		expect(mergeGuestInto(db, guest, account.userId)).toBe(2);
		expect(countAttempts(db, account.userId)).toBe(2);
		expect(db.select().from(users).where(eq(users.id, guest)).get()).toBeUndefined();
		// Idempotent: nothing left to move.
		expect(mergeGuestInto(db, guest, account.userId)).toBe(0);
		expect(countAttempts(db, account.userId)).toBe(2);
	});

	it('never merges a real account into another', async () => {
		const a = await signUp(db, { username: 'erin', displayName: 'E', password: PASSWORD, role: 'student' }, null);
		const b = await signUp(db, { username: 'finn', displayName: 'F', password: PASSWORD, role: 'student' }, null);
		if (!a.ok || !b.ok) throw new Error('sign-up failed');
		expect(mergeGuestInto(db, a.userId, b.userId)).toBe(0);
		expect(db.select().from(users).where(eq(users.id, a.userId)).get()).toBeDefined();
	});
});
