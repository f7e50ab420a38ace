import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/forms';
import { rateLimits } from '$lib/server/auth/rate-limit';
import { markSessionTwoFactorVerified, totpSecretOf, useRecoveryCode, verifyTotpCode } from '$lib/server/auth/two-factor';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.pendingTwoFactor) redirect(303, '/login');
	return {};
};

export const actions: Actions = {
	default: formAction('two-factor-sign-in', async ({ locals, url }, form) => {
		const pending = locals.pendingTwoFactor;
		if (!pending) redirect(303, '/login');
		const blocked = await rateLimits.blocked('codeFailures', pending.userId);
		if (blocked) return fail(429, { message: blocked });
		const code = field(form, 'code').trim();
		const secret = totpSecretOf(getDb(), pending.userId);
		const ok = (secret !== null && verifyTotpCode(secret, code)) || useRecoveryCode(getDb(), pending.userId, code);
		if (!ok) {
			await rateLimits.consume('codeFailures', pending.userId);
			return fail(400, { message: 'That code is not right. Use the current code from your app, or a recovery code.' });
		}
		await rateLimits.reset('codeFailures', pending.userId);
		markSessionTwoFactorVerified(getDb(), pending.sessionId);
		redirect(303, safeRedirectTarget(url.searchParams.get('next')));
	})
};
