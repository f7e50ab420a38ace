import { resetPasswordAction } from '$lib/server/auth/forms';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions } from './$types';

export const actions: Actions = {
	default: formAction('reset-password', (event, form) => resetPasswordAction(getDb(), event, form), (form) => ({
		username: field(form, 'username').trim()
	}))
};
