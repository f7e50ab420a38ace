import { fail } from '@sveltejs/kit';
import { requireInstructor } from '$lib/server/auth/guards';
import {
	disableTwoFactor,
	enableTwoFactor,
	markSessionTwoFactorVerified,
	newTotpSecret,
	totpSecretOf,
	totpSetup,
	verifyTotpCode
} from '$lib/server/auth/two-factor';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireInstructor(locals, url);
	if (totpSecretOf(getDb(), user.id)) return { enabled: true as const };
	// The new secret travels in the form until the first code proves the app has it.
	const secret = newTotpSecret();
	const { qrSvg } = await totpSetup(secret, user.username ?? user.id);
	return { enabled: false as const, secret, qrSvg };
};

export const actions: Actions = {
	enable: formAction('two-factor-on', ({ locals, url }, form) => {
		const user = requireInstructor(locals, url);
		const secret = field(form, 'secret');
		if (!/^[A-Z2-7]{32}$/.test(secret) || !verifyTotpCode(secret, field(form, 'code'))) {
			return fail(400, { message: 'That code does not match. Check the time on your phone and try the newest code.' });
		}
		const recoveryCodes = enableTwoFactor(getDb(), user.id, secret);
		if (locals.session) markSessionTwoFactorVerified(getDb(), locals.session.id);
		return { recoveryCodes };
	}),
	disable: formAction('two-factor-off', ({ locals, url }, form) => {
		const user = requireInstructor(locals, url);
		const secret = totpSecretOf(getDb(), user.id);
		const code = field(form, 'code');
		if (!secret || !verifyTotpCode(secret, code)) return fail(400, { message: 'Enter the current code from your app to turn this off.' });
		disableTwoFactor(getDb(), user.id);
		return { disabled: true };
	})
};
