import { logOutAction } from '$lib/server/auth/forms';
import { getDb } from '$lib/server/db';
import type { Actions } from './$types';

export const actions: Actions = {
	default: (event) => logOutAction(getDb(), event)
};
