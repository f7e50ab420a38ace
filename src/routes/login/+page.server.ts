import { redirect } from '@sveltejs/kit';
import { homeAfterSignIn, logInAction } from '$lib/server/auth/forms';
import { carriedJoinCode, joiningClass, joinPath } from '$lib/server/auth/join';
import { field, formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const join = carriedJoinCode(url);
	if (locals.user && locals.user.role !== 'guest') redirect(303, join ? joinPath(join) : homeAfterSignIn(locals.user.role));
	return {
		isGuest: locals.user?.role === 'guest',
		joining: await joiningClass(getDb(), join, locals, getClientAddress())
	};
};

export const actions: Actions = {
	default: formAction('sign-in', (event, form) => logInAction(getDb(), event, form), (form) => ({
		values: { username: field(form, 'username').trim() }
	}))
};
