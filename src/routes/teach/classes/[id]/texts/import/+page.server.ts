import { fail, redirect } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { MAX_TEXT_CHARS } from '$lib/server/class-texts/source';
import { importText } from '$lib/server/class-texts/transfer';
import { formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const IMPORT_BYTES = 512 * 1024;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	return { klass: { id: klass.id, name: klass.name }, maxChars: MAX_TEXT_CHARS };
};

/** A chosen file's text, or null when none was chosen. */
async function fileText(form: FormData, name: string): Promise<string | null> {
	const value = form.get(name);
	if (typeof value === 'string') return value.trim() ? value : null;
	if (!value || value.size === 0) return null;
	return await value.text();
}

export const actions: Actions = {
	default: formAction(
		'import-class-text',
		async ({ locals, url, params }, form) => {
			const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
			const result = await importText(getDb(), klass.id, {
				txt: await fileText(form, 'txt'),
				yaml: await fileText(form, 'yaml'),
				annotations: await fileText(form, 'annotations'),
				questions: await fileText(form, 'questions')
			});
			if (!result.ok) return fail(400, { problems: result.problems });
			redirect(303, `/teach/classes/${klass.id}/texts/${result.textId}/practice`);
		},
		() => ({}),
		IMPORT_BYTES
	)
};
