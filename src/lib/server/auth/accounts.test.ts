import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../db/temp-database';
import { users } from '../db/schema';
import { recordAttempt } from '../progress/attempts';
import { BIDI_MESSAGE, CONTROL_MESSAGE, INVISIBLE_MESSAGE } from '../names';
import { changeDisplayName, changePassword, checkCredentials, checkOwnPassword, countAttempts, mergeGuestInto, signUp } from './accounts';
import { first } from '../db/results';

const db = tempDatabase('accounts');

const PASSWORD = 'purple kettles argue at dawn';

async function guestWithAttempts(count: number): Promise<string> {
	const id = crypto.randomUUID();
	await db.insert(users).values({ id, role: 'guest' });
	for (let i = 0; i < count; i++) {
		await recordAttempt(db, { userId: id, lessonSlug: 'l', questionId: `q${i}`, contentVersion: 'v', response: {}, earned: 1, total: 1 });
	}
	return id;
}

describe('signUp', () => {
	it('creates a student with a lower-cased, case-insensitively unique username', async () => {
		const result = await signUp(db, { username: 'Ana_Maria', displayName: ' Ana ', password: PASSWORD, role: 'student' }, null);
		expect(result.ok).toBe(true);
		const again = await signUp(db, { username: 'ana_maria', displayName: 'Other', password: PASSWORD, role: 'student' }, null);
		expect(again).toEqual({ ok: false, field: 'username', message: 'That username is taken. Try another.' });
		const row = (await first(db.select().from(users).where(eq(users.username, 'ana_maria'))))!;
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
		const guest = await guestWithAttempts(3);
		const result = await signUp(db, { username: 'former_guest', displayName: 'G', password: PASSWORD, role: 'student' }, guest);
		expect(result).toEqual({ ok: true, userId: guest });
		expect((await first(db.select().from(users).where(eq(users.id, guest))))?.role).toBe('student');
		expect(await countAttempts(db, guest)).toBe(3);
	});

	it('upgrades a guest with no attempts just the same', async () => {
		const guest = await guestWithAttempts(0);
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
		const guest = await guestWithAttempts(2);
		expect(await mergeGuestInto(db, guest, account.userId)).toBe(2);
		expect(await countAttempts(db, account.userId)).toBe(2);
		expect((await first(db.select().from(users).where(eq(users.id, guest))))).toBeUndefined();
		// Idempotent: nothing left to move.
		expect(await mergeGuestInto(db, guest, account.userId)).toBe(0);
		expect(await countAttempts(db, account.userId)).toBe(2);
	});

	it('never merges a real account into another', async () => {
		const a = await signUp(db, { username: 'erin', displayName: 'E', password: PASSWORD, role: 'student' }, null);
		const b = await signUp(db, { username: 'finn', displayName: 'F', password: PASSWORD, role: 'student' }, null);
		if (!a.ok || !b.ok) throw new Error('sign-up failed');
		expect(await mergeGuestInto(db, a.userId, b.userId)).toBe(0);
		expect((await first(db.select().from(users).where(eq(users.id, a.userId))))).toBeDefined();
	});
});

describe('display names', () => {
	it('are one line of visible text, stored NFC-normalised', async () => {
		const base = { username: 'named', displayName: 'N', password: PASSWORD, role: 'student' as const };
		for (const [displayName, message] of [
			['Ana\r\nBob', CONTROL_MESSAGE],
			['Ana\tBob', CONTROL_MESSAGE],
			['Ana\u202E', BIDI_MESSAGE],
			['\u200B\u200C', INVISIBLE_MESSAGE]
		]) {
			expect(await signUp(db, { ...base, displayName }, null), JSON.stringify(displayName)).toEqual({ ok: false, field: 'displayName', message });
		}
		const made = await signUp(db, { ...base, username: 'renee', displayName: ' Rene\u0301e ' }, null);
		if (!made.ok) throw new Error(made.message);
		expect((await first(db.select().from(users).where(eq(users.id, made.userId))))?.displayName).toBe('Ren\u00e9e');

		expect(await changeDisplayName(db, made.userId, 'Ren\u00e9e\n=HYPERLINK("x")')).toBe(CONTROL_MESSAGE);
		expect(await changeDisplayName(db, made.userId, '\u2066\u2069')).toBe(BIDI_MESSAGE);
		expect(await changeDisplayName(db, made.userId, '\uFEFF\u2060')).toBe(INVISIBLE_MESSAGE);
		expect((await first(db.select().from(users).where(eq(users.id, made.userId))))?.displayName).toBe('Ren\u00e9e');
		expect(await changeDisplayName(db, made.userId, 'Renée M.')).toBeNull();
	});
});

describe('checking one’s own password (changing it, deleting the account)', () => {
	async function user(username: string) {
		const made = await signUp(db, { username, displayName: username, password: PASSWORD, role: 'student' }, null);
		if (!made.ok) throw new Error(made.message);
		return { id: made.userId, username };
	}

	it('wrong passwords sent all at once: at most ten are checked, then even the right one is refused', async () => {
		const gina = await user('gina');
		const results = await Promise.all(Array.from({ length: 30 }, (_, i) => checkOwnPassword(db, gina, `wrong guess ${i}`)));
		expect(results.filter((r) => !r.ok && r.status === 400)).toHaveLength(10);
		expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(20);
		expect(await checkOwnPassword(db, gina, PASSWORD)).toMatchObject({ ok: false, status: 429 });
		expect(await changePassword(db, gina, PASSWORD, 'seven quiet owls read maps')).toMatchObject({ ok: false, status: 429, field: 'current' });
		expect(await checkCredentials(db, 'gina', PASSWORD)).toBe(gina.id);
	});

	it('the right password after a few wrong ones works and clears them', async () => {
		const hugo = await user('hugo');
		for (let i = 0; i < 9; i++) expect(await checkOwnPassword(db, hugo, `wrong ${i}`)).toMatchObject({ ok: false, status: 400 });
		expect(await changePassword(db, hugo, PASSWORD, 'seven quiet owls read maps')).toEqual({ ok: true });
		for (let i = 0; i < 10; i++) expect(await checkOwnPassword(db, hugo, `wrong again ${i}`)).toMatchObject({ ok: false, status: 400 });
		expect(await checkCredentials(db, 'hugo', 'seven quiet owls read maps')).toBe(hugo.id);
	});
});
