import { joinClassAction } from '$lib/server/auth/forms';
import { requireAccount } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireAccount(locals, url);
	return { code: url.searchParams.get('code') ?? '', isInstructor: user.role === 'instructor' };
};

export const actions: Actions = {
	default: formAction('join', ({ locals, url }, form) => {
		const user = requireAccount(locals, url);
		return joinClassAction(getDb(), user, field(form, 'code').trim());
	}, (form) => ({ code: field(form, 'code').trim() }))
};
