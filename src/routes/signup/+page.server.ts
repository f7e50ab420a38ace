import { redirect } from '@sveltejs/kit';
import { homeAfterSignIn, signUpAction, signUpValues } from '$lib/server/auth/forms';
import { carriedJoinCode, joiningClass, joinPath } from '$lib/server/auth/join';
import { formAction } from '$lib/server/form-action';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const join = carriedJoinCode(url);
	if (locals.user && locals.user.role !== 'guest') redirect(303, join ? joinPath(join) : homeAfterSignIn(locals.user.role));
	return {
		isGuest: locals.user?.role === 'guest',
		instructorCodeRequired: Boolean(process.env.INSTRUCTOR_SIGNUP_CODE),
		joining: await joiningClass(getDb(), join, locals, getClientAddress())
	};
};

export const actions: Actions = {
	default: formAction('sign-up', (event, form) => signUpAction(getDb(), event, form), (form) => ({ values: signUpValues(form) }))
};
