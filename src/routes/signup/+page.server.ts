import { redirect } from '@sveltejs/kit';
import { signUpAction, signUpValues } from '$lib/server/auth/forms';
import { formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user && locals.user.role !== 'guest') redirect(303, '/progress');
	return {
		isGuest: locals.user?.role === 'guest',
		instructorCodeRequired: Boolean(process.env.INSTRUCTOR_SIGNUP_CODE)
	};
};

export const actions: Actions = {
	default: formAction('sign-up', (event, form) => signUpAction(getDb(), event, form), (form) => ({ values: signUpValues(form) }))
};
