import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../db/temp-database';
import { passwordResets, users } from '../db/schema';
import { checkCredentials, signUp } from './accounts';
import { issueResetCode, redeemResetCode, RESET_CODE_LIFETIME_MS } from './password-reset';
import { first } from '../db/results';

const db = tempDatabase('reset');

const OLD = 'purple kettles argue at dawn';
const NEW = 'seven quiet owls read maps';

async function account(username: string, role: 'student' | 'instructor') {
	const result = await signUp(db, { username, displayName: username, password: OLD, role }, null);
	if (!result.ok) throw new Error(result.message);
	return result.userId;
}

describe('password reset codes', () => {
	it('set a new password once, and only once', async () => {
		const teacher = await account('t_reset', 'instructor');
		const student = await account('s_reset', 'student');
		const code = (await issueResetCode(db, teacher, student))!;
		expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
		expect((await first(db.select().from(passwordResets).where(eq(passwordResets.userId, student))))?.codeHash).not.toContain(code);

		expect(await redeemResetCode(db, 'S_RESET', code.toLowerCase(), NEW)).toEqual({ ok: true, userId: student });
		expect(await checkCredentials(db, 's_reset', NEW)).toBe(student);
		expect(await checkCredentials(db, 's_reset', OLD)).toBeNull();
		expect(await redeemResetCode(db, 's_reset', code, 'another fine passphrase')).toMatchObject({ ok: false, field: 'code' });
	});

	it('expire after 24 hours', async () => {
		const teacher = await account('t_expire', 'instructor');
		const student = await account('s_expire', 'student');
		const issuedAt = Date.now();
		const code = (await issueResetCode(db, teacher, student, issuedAt))!;
		expect(await redeemResetCode(db, 's_expire', code, NEW, issuedAt + RESET_CODE_LIFETIME_MS + 1)).toMatchObject({ ok: false, field: 'code' });
	});

	it('only work for the student they were issued to, and a new code replaces the old', async () => {
		const teacher = await account('t_other', 'instructor');
		const student = await account('s_other', 'student');
		await account('s_someone', 'student');
		const firstCode = (await issueResetCode(db, teacher, student))!;
		expect(await redeemResetCode(db, 's_someone', firstCode, NEW)).toMatchObject({ ok: false, field: 'code' });
		const second = (await issueResetCode(db, teacher, student))!;
		expect(await redeemResetCode(db, 's_other', firstCode, NEW)).toMatchObject({ ok: false, field: 'code' });
		expect(await redeemResetCode(db, 's_other', second, 'short')).toMatchObject({ ok: false, field: 'password' });
		expect(await redeemResetCode(db, 's_other', second, NEW)).toEqual({ ok: true, userId: student });
		expect((await first(db.select().from(users).where(eq(users.id, student))))?.passwordHash).toMatch(/^\$argon2id/);
	});

	it('are issued only for students, never for an instructor', async () => {
		const owner = await account('t_owner', 'instructor');
		const colleague = await account('t_colleague', 'instructor');
		expect(await issueResetCode(db, owner, colleague)).toBeNull();
		expect((await db.select().from(passwordResets).where(eq(passwordResets.userId, colleague)))).toEqual([]);
	});

	it('set the password of a student account only', async () => {
		// A code stored for an instructor (as one could be before instructors were refused) does nothing.
		const owner = await account('t_old_owner', 'instructor');
		const colleague = await account('t_old_colleague', 'instructor');
		const code = 'ABCDE-FGHJK';
		await db.insert(passwordResets)
			.values({
				id: crypto.randomUUID(),
				userId: colleague,
				codeHash: encodeHexLowerCase(sha256(new TextEncoder().encode('ABCDEFGHJK'))),
				issuedBy: owner,
				expiresAt: new Date(Date.now() + RESET_CODE_LIFETIME_MS)
			});
		expect(await redeemResetCode(db, 't_old_colleague', code, NEW)).toMatchObject({ ok: false, field: 'code' });
		expect(await checkCredentials(db, 't_old_colleague', OLD)).toBe(colleague);
		expect(await checkCredentials(db, 't_old_colleague', NEW)).toBeNull();
	});
});
