import { logOutAction } from '$lib/server/auth/forms';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/form-action';
import type { Actions } from './$types';

export const actions: Actions = {
	default: formAction('sign-out', (event) => logOutAction(getDb(), event))
};
