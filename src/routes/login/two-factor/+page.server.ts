import { redirect } from '@sveltejs/kit';
import { twoFactorSignInAction } from '$lib/server/auth/forms';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.pendingTwoFactor) redirect(303, '/login');
	return {};
};

export const actions: Actions = {
	default: formAction('two-factor-sign-in', (event, form) => twoFactorSignInAction(getDb(), event, form))
};
