import { fail, redirect } from '@sveltejs/kit';
import { startSession } from '$lib/server/auth/forms';
import { redeemResetCode } from '$lib/server/auth/password-reset';
import { rateLimits } from '$lib/server/auth/rate-limit';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions } from './$types';

export const actions: Actions = {
	default: formAction('reset-password', async (event, form) => {
		const username = field(form, 'username').trim();
		const key = event.getClientAddress();
		const blocked = await rateLimits.blocked('codeFailures', key);
		if (blocked) return fail(429, { username, field: 'code', message: blocked });
		const result = await redeemResetCode(getDb(), username, field(form, 'code'), field(form, 'password'));
		if (!result.ok) {
			if (result.field === 'code') await rateLimits.consume('codeFailures', key);
			return fail(400, { username, field: result.field, message: result.message });
		}
		startSession(getDb(), { ...event, locals: { ...event.locals, session: null } }, result.userId);
		redirect(303, '/progress');
	}, (form) => ({ username: field(form, 'username').trim() }))
};
