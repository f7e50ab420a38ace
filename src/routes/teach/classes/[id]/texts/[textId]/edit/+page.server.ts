import { GENRES, MAX_TEXT_CHARS } from '$lib/server/class-texts/source';
import { editFormValues, editTextAction, fieldsFromForm, requireOwnedText } from '$lib/server/class-texts/teach';
import { field, formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const TEXT_FORM_BYTES = MAX_TEXT_CHARS * 9 + 16 * 1024;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass, version } = await requireOwnedText(getDb(), locals, url, params.id, params.textId);
	return { klass: { id: klass.id, name: klass.name }, textId: params.textId, title: version.provenance.title, ...editFormValues(version), genres: GENRES, maxChars: MAX_TEXT_CHARS };
};

export const actions: Actions = {
	default: formAction(
		'edit-class-text',
		async ({ locals, url, params }, form) => {
			const { klass, version } = await requireOwnedText(getDb(), locals, url, params.id, params.textId);
			return await editTextAction(getDb(), klass.id, version, form);
		},
		(form) => ({ fields: fieldsFromForm(form), text: field(form, 'text') }),
		TEXT_FORM_BYTES
	)
};
