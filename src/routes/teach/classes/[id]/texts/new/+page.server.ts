import { requireOwnedClass } from '$lib/server/auth/guards';
import { GENRES, MAX_TEXT_CHARS, PROVENANCE_FIELD_NAMES } from '$lib/server/class-texts/source';
import { createTextAction, fieldsFromForm } from '$lib/server/class-texts/teach';
import { field, formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** A pasted text of MAX_TEXT_CHARS characters, URL-encoded, can take up to 9 bytes a character. */
const TEXT_FORM_BYTES = MAX_TEXT_CHARS * 9 + 16 * 1024;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const fields = Object.fromEntries(PROVENANCE_FIELD_NAMES.map((n) => [n, n === 'genre' ? 'news rewrite' : '']));
	return { klass: { id: klass.id, name: klass.name }, blank: fields, genres: GENRES, maxChars: MAX_TEXT_CHARS };
};

export const actions: Actions = {
	default: formAction(
		'add-class-text',
		async ({ locals, url, params }, form) => {
			const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
			return await createTextAction(getDb(), klass.id, form);
		},
		(form) => ({ fields: fieldsFromForm(form), text: field(form, 'text') }),
		TEXT_FORM_BYTES
	)
};
