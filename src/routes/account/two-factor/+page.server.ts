import { fail } from '@sveltejs/kit';
import { requireInstructor } from '$lib/server/auth/guards';
import {
	checkTwoFactorCode,
	disableTwoFactor,
	enableTwoFactor,
	markSessionTwoFactorVerified,
	newTotpSecret,
	totpSecretOf,
	totpSetup,
	totpStepOf
} from '$lib/server/auth/two-factor';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireInstructor(locals, url);
	if (await totpSecretOf(getDb(), user.id)) return { enabled: true as const };
	// The new secret travels in the form until the first code proves the app has it.
	const secret = newTotpSecret();
	const { qrSvg } = await totpSetup(secret, user.username ?? user.id);
	return { enabled: false as const, secret, qrSvg };
};

export const actions: Actions = {
	enable: formAction('two-factor-on', async ({ locals, url }, form) => {
		const user = requireInstructor(locals, url);
		const secret = field(form, 'secret');
		const step = /^[A-Z2-7]{32}$/.test(secret) ? totpStepOf(secret, field(form, 'code')) : null;
		if (step === null) {
			return fail(400, { message: 'That code does not match. Check the time on your phone and try the newest code.' });
		}
		// The step is stored with the secret, so the code just used cannot sign in afterwards.
		const recoveryCodes = await enableTwoFactor(getDb(), user.id, secret, step);
		if (locals.session) await markSessionTwoFactorVerified(getDb(), locals.session.id);
		return { recoveryCodes };
	}),
	disable: formAction('two-factor-off', async ({ locals, url }, form) => {
		const user = requireInstructor(locals, url);
		// Limited like the codes at sign-in (and sharing their count), and each code works once.
		const check = await checkTwoFactorCode(getDb(), user.id, field(form, 'code'), { recoveryCodes: false });
		if (!check.ok) {
			if (check.status === 429) return fail(429, { message: check.message });
			return fail(400, { message: 'Enter the current code from your app to turn this off.' });
		}
		await disableTwoFactor(getDb(), user.id);
		return { disabled: true };
	})
};
