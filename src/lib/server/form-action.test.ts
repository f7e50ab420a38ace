import Database from 'better-sqlite3';
import { isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetWriteFailures, WRITE_FAILED_MESSAGE } from './db/failures';
import { FORM_LIMIT_BYTES, FORM_TOO_LARGE_MESSAGE, formAction, readForm, UNREADABLE_FORM_MESSAGE } from './form-action';

const post = (body: BodyInit, contentType: string) =>
	new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': contentType } });
const eventFor = (request: Request) => ({ request }) as RequestEvent;

afterEach(() => {
	resetWriteFailures();
	vi.restoreAllMocks();
});

describe('readForm', () => {
	it('reads url-encoded and multipart forms', async () => {
		const encoded = await readForm(post('name=Ana&x=1', 'application/x-www-form-urlencoded'));
		expect(encoded.ok && encoded.form.get('name')).toBe('Ana');
		const data = new FormData();
		data.set('name', 'Bo');
		const multipart = await readForm(new Request('http://localhost/x', { method: 'POST', body: data }));
		expect(multipart.ok && multipart.form.get('name')).toBe('Bo');
	});

	it('refuses malformed multipart and text/plain bodies with a 400', async () => {
		const broken = await readForm(post('--x\r\nnot a part', 'multipart/form-data; boundary=x'));
		expect(broken).toEqual({ ok: false, status: 400, message: UNREADABLE_FORM_MESSAGE });
		const plain = await readForm(post('name=Ana', 'text/plain'));
		expect(plain).toEqual({ ok: false, status: 400, message: UNREADABLE_FORM_MESSAGE });
	});

	it('refuses bodies over the limit with a 413 that does not claim anything was saved', async () => {
		const big = await readForm(post(`a=${'x'.repeat(FORM_LIMIT_BYTES)}`, 'application/x-www-form-urlencoded'));
		expect(big).toEqual({ ok: false, status: 413, message: FORM_TOO_LARGE_MESSAGE });
		expect(FORM_TOO_LARGE_MESSAGE).toContain('nothing was saved');
	});
});

describe('formAction', () => {
	it('hands the parsed form to the action', async () => {
		const action = formAction('test', (_event, form) => ({ got: form.get('a') }));
		expect(await action(eventFor(post('a=1', 'application/x-www-form-urlencoded')))).toEqual({ got: '1' });
	});

	it('turns a body it cannot read into a 400 failure', async () => {
		const action = formAction('test', () => ({ ran: true }));
		const result = await action(eventFor(post('a=1', 'text/plain')));
		expect(result).toMatchObject({ status: 400, data: { message: UNREADABLE_FORM_MESSAGE } });
	});

	it('turns a database failure into a 503 that keeps the typed fields, logged in one line', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const action = formAction(
			'create-class',
			() => {
				throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
			},
			(form) => ({ name: form.get('name') })
		);
		const result = await action(eventFor(post('name=History', 'application/x-www-form-urlencoded')));
		expect(result).toMatchObject({ status: 503, data: { name: 'History', message: WRITE_FAILED_MESSAGE } });
		expect(log).toHaveBeenCalledTimes(1);
		expect(String(log.mock.calls[0][0])).toBe('database write failed: create-class SQLITE_FULL (database or disk is full)');
	});

	it('lets redirects and other errors through', async () => {
		const redirecting = formAction('test', () => redirect(303, '/'));
		const thrown = await redirecting(eventFor(post('a=1', 'application/x-www-form-urlencoded'))).catch((e) => e);
		expect(isRedirect(thrown)).toBe(true);
		const buggy = formAction('test', () => {
			throw new TypeError('a bug');
		});
		await expect(buggy(eventFor(post('a=1', 'application/x-www-form-urlencoded')))).rejects.toThrow('a bug');
	});
});

describe('readForm and NUL characters', () => {
	it('takes them out of text fields (PostgreSQL refuses them in text; no one types them)', async () => {
		const read = await readForm(post('username=an%00a&comment=fine', 'application/x-www-form-urlencoded'));
		expect(read.ok && read.form.get('username')).toBe('ana');
		expect(read.ok && read.form.get('comment')).toBe('fine');
	});
});
