import { annotateAction, annotatePageData, requireOwnedText } from '$lib/server/class-texts/teach';
import { formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass, version, source, text } = await requireOwnedText(getDb(), locals, url, params.id, params.textId);
	return { klass: { id: klass.id, name: klass.name }, textId: text.id, ...annotatePageData(version, source, url) };
};

export const actions: Actions = {
	annotate: formAction('annotate-class-text', async (event, form) => {
		const { klass, version, source } = await requireOwnedText(getDb(), event.locals, event.url, event.params.id, event.params.textId);
		return await annotateAction(getDb(), klass.id, version, source, form, event.request.headers.get('x-sveltekit-action') === 'true');
	})
};
