// Every form action goes through formAction: the body is read once, with a size limit, and a
// body that is not a readable form is refused with a 400 instead of a 500; a database that
// cannot write gives a 503 with what was typed still in the form, and nothing is acknowledged.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { isDatabaseError, reportWriteFailure, WRITE_FAILED_MESSAGE } from './db/failures';

/** Far above any real form of this app (the largest, a class description, is 300 characters). */
export const FORM_LIMIT_BYTES = 64 * 1024;

export const UNREADABLE_FORM_MESSAGE = 'We could not read what was sent. Please reload the page and try again.';
export const FORM_TOO_LARGE_MESSAGE = 'That is too long to send, so nothing was saved. Please shorten it and try again.';

export type ReadFormResult = { ok: true; form: FormData } | { ok: false; status: 400 | 413; message: string };

/**
 * The form with NUL characters taken out of its text: no one types them, and PostgreSQL refuses
 * them in text (SQLite stores them), so a sign-in or a comment holding one would fail there.
 */
function withoutNul(form: FormData): FormData {
	const clean = new FormData();
	for (const [name, value] of form) clean.append(name, typeof value === 'string' ? value.replaceAll('\u0000', '') : value);
	return clean;
}

/** The request's form, or why it cannot be had (too large, or not a form at all). */
export async function readForm(request: Request, limit = FORM_LIMIT_BYTES): Promise<ReadFormResult> {
	const tooLarge = { ok: false, status: 413, message: FORM_TOO_LARGE_MESSAGE } as const;
	if (Number(request.headers.get('content-length') ?? '0') > limit) return tooLarge;
	let body: ArrayBuffer;
	try {
		body = await request.arrayBuffer();
	} catch {
		// adapter-node ends the body with an error past BODY_SIZE_LIMIT.
		return tooLarge;
	}
	if (body.byteLength > limit) return tooLarge;
	const contentType = request.headers.get('content-type') ?? 'application/x-www-form-urlencoded';
	try {
		return { ok: true, form: withoutNul(await new Response(body, { headers: { 'content-type': contentType } }).formData()) };
	} catch {
		// Malformed multipart, text/plain and the like.
		return { ok: false, status: 400, message: UNREADABLE_FORM_MESSAGE };
	}
}

/** A form field as a string ('' when missing or a file). */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * Wraps a form action. `operation` names it in the log; `kept` returns the fields to send back
 * when the database fails, so the page shows them again (never passwords).
 */
export function formAction<E extends RequestEvent, R>(
	operation: string,
	action: (event: E, form: FormData) => R | Promise<R>,
	kept: (form: FormData) => Record<string, unknown> = () => ({}),
	/** Forms that carry a pasted text (class texts) allow more than FORM_LIMIT_BYTES. */
	limit = FORM_LIMIT_BYTES
) {
	return async (event: E) => {
		const read = await readForm(event.request, limit);
		if (!read.ok) return fail(read.status, { field: 'form', message: read.message });
		try {
			return await action(event, read.form);
		} catch (error) {
			// Redirects, HTTP errors and bugs pass through; only SQLite's own failures become a 503.
			if (!isDatabaseError(error)) throw error;
			reportWriteFailure(operation, error);
			return fail(503, { ...kept(read.form), field: 'form', message: WRITE_FAILED_MESSAGE });
		}
	};
}
