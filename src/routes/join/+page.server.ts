import { fail } from '@sveltejs/kit';
import { requireAccount } from '$lib/server/auth/guards';
import { rateLimits } from '$lib/server/auth/rate-limit';
import { joinClassByCode } from '$lib/server/db/classes';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAccount(locals, url);
	return { code: url.searchParams.get('code') ?? '' };
};

export const actions: Actions = {
	default: formAction('join', async ({ locals, url }, form) => {
		const user = requireAccount(locals, url);
		const code = field(form, 'code').trim();
		const blocked = await rateLimits.blocked('codeFailures', user.id);
		if (blocked) return fail(429, { code, message: blocked });
		const joined = joinClassByCode(getDb(), user.id, code);
		if (!joined) {
			await rateLimits.consume('codeFailures', user.id);
			return fail(400, { code, message: 'No open class has that code. Check it with your instructor.' });
		}
		return { joined: joined.name };
	}, (form) => ({ code: field(form, 'code').trim() }))
};
