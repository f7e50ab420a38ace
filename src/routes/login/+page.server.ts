import { redirect } from '@sveltejs/kit';
import { logInAction } from '$lib/server/auth/forms';
import { field, formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user && locals.user.role !== 'guest') redirect(303, '/progress');
	return { isGuest: locals.user?.role === 'guest' };
};

export const actions: Actions = {
	default: formAction('sign-in', (event, form) => logInAction(getDb(), event, form), (form) => ({
		values: { username: field(form, 'username').trim() }
	}))
};
