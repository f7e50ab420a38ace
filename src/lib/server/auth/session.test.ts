import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sqliteClient, openDatabase } from '../db/open';
import { sessions, users } from '../db/schema';
import {
	createSession,
	generateSessionToken,
	invalidateAllSessions,
	invalidateSession,
	sessionCookieName,
	sessionIdFromToken,
	SESSION_DURATION_MS,
	SESSION_RENEW_WITHIN_MS,
	validateSessionToken
} from './session';

const dir = mkdtempSync(join(tmpdir(), 'course-session-'));
const db = openDatabase(join(dir, 'app.db'));
await db.insert(users).values({ id: 'u1', role: 'guest' });
afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

const DAY = 24 * 60 * 60 * 1000;

describe('session tokens', () => {
	it('are 160 random bits, base32, never repeated', async () => {
		const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
		expect(tokens.size).toBe(200);
		for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('are stored only as their SHA-256', async () => {
		const token = generateSessionToken();
		const session = await createSession(db, token, 'u1');
		expect(session.id).toBe(sessionIdFromToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		const stored = (await db.select().from(sessions)).map((s) => s.id);
		expect(stored).toContain(session.id);
		expect(stored).not.toContain(token);
	});
});

describe('validateSessionToken', () => {
	it('returns the user for a valid token and nothing for an unknown one', async () => {
		const token = generateSessionToken();
		await createSession(db, token, 'u1');
		expect((await validateSessionToken(db, token)).user).toEqual({
			id: 'u1',
			role: 'guest',
			username: null,
			displayName: null,
			twoFactorEnabled: false
		});
		expect(await validateSessionToken(db, generateSessionToken())).toEqual({ session: null, user: null });
	});

	it('slides the expiry forward once fewer than 15 days remain, and not before', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		const created = await createSession(db, token, 'u1', start);
		const early = await validateSessionToken(db, token, start + 10 * DAY);
		expect(early.session?.expiresAt.getTime()).toBe(created.expiresAt.getTime());
		const late = start + 20 * DAY;
		const renewed = await validateSessionToken(db, token, late);
		expect(renewed.session?.expiresAt.getTime()).toBe(late + SESSION_DURATION_MS);
	});

	it('deletes an expired session', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		await createSession(db, token, 'u1', start);
		expect(await validateSessionToken(db, token, start + 31 * DAY)).toEqual({ session: null, user: null });
		expect(await validateSessionToken(db, token, start)).toEqual({ session: null, user: null });
	});
});

describe('invalidation', () => {
	it('ends one session, or all of a user’s sessions', async () => {
		const one = generateSessionToken();
		const two = generateSessionToken();
		const s1 = await createSession(db, one, 'u1');
		await createSession(db, two, 'u1');
		await invalidateSession(db, s1.id);
		expect((await validateSessionToken(db, one)).session).toBeNull();
		expect((await validateSessionToken(db, two)).session).not.toBeNull();
		await invalidateAllSessions(db, 'u1');
		expect((await validateSessionToken(db, two)).session).toBeNull();
	});
});

describe('sessionCookieName', () => {
	it('is __Host-session over HTTPS and session over plain http', async () => {
		expect(sessionCookieName(new URL('https://course.example.org/lessons/x'))).toBe('__Host-session');
		expect(sessionCookieName(new URL('http://localhost:3000/'))).toBe('session');
		expect(sessionCookieName(new URL('http://192.168.1.20:3000/'))).toBe('session');
	});
});

describe('a session renewal the database cannot write', () => {
	it('leaves the session valid (not renewed) and logs one line instead of failing the page', async () => {
		const db = openDatabase(':memory:');
		await db.insert(users).values({ id: 'u-renew', role: 'student', username: 'renew' });
		const token = generateSessionToken();
		const start = Date.UTC(2026, 0, 1);
		const session = await createSession(db, token, 'u-renew', start);
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		sqliteClient(db).pragma('query_only = ON');
		const later = session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS + 1;
		const result = await validateSessionToken(db, token, later);
		expect(result.session?.expiresAt.getTime()).toBe(session.expiresAt.getTime());
		expect(log).toHaveBeenCalledTimes(1);
		expect(String(log.mock.calls[0][0])).toMatch(/^database write failed: session-renewal SQLITE_READONLY/);
		log.mockRestore();
	});
});
