import { practiceAction, practiceEditFromForm, practicePageData, requireOwnedText } from '$lib/server/class-texts/teach';
import { formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass, version, source, text } = await requireOwnedText(getDb(), locals, url, params.id, params.textId);
	return { klass: { id: klass.id, name: klass.name }, textId: text.id, title: version.provenance.title, ...(await practicePageData(getDb(), version, source)) };
};

/** Each change to the set is its own action (so a form without JavaScript names what it does). */
const change = (name: string) =>
	formAction(`practice-${name}`, async (event: RequestEvent, form) => {
		const { version, source } = await requireOwnedText(getDb(), event.locals, event.url, event.params.id, event.params.textId);
		return await practiceAction(getDb(), version, source, practiceEditFromForm(name, form));
	});

export const actions: Actions = {
	propose: change('propose'),
	drop: change('drop'),
	up: change('up'),
	down: change('down'),
	edit: change('edit'),
	publish: change('publish'),
	discard: change('discard')
};
