import { joinAction, joinView, typedJoinCode } from '$lib/server/auth/join';
import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

// Open to everyone: a join link may be opened signed out, as a guest, a student or an instructor.
export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const code = typedJoinCode(url.searchParams.get('code'));
	return { code, view: await joinView(getDb(), await getCourse(), locals, getClientAddress(), code) };
};

export const actions: Actions = {
	default: formAction('join', (event, form) => joinAction(getDb(), event, form), (form) => ({ code: field(form, 'code').trim() }))
};
