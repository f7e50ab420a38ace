import { fail, redirect } from '@sveltejs/kit';
import { changeDisplayName, changePassword, checkOwnPassword, deleteAccount } from '$lib/server/auth/accounts';
import { requireAccount } from '$lib/server/auth/guards';
import { deleteSessionTokenCookie, invalidateAllSessions } from '$lib/server/auth/session';
import { startSession } from '$lib/server/auth/forms';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireAccount(locals, url);
	return { user };
};

export const actions: Actions = {
	displayName: formAction('display-name', async ({ locals, url }, form) => {
		const user = requireAccount(locals, url);
		const displayName = field(form, 'displayName');
		const problem = await changeDisplayName(getDb(), user.id, displayName);
		if (problem) return fail(400, { action: 'displayName', field: 'displayName', message: problem, displayName });
		return { action: 'displayName', done: 'Your display name is changed.' };
	}, (form) => ({ action: 'displayName', displayName: field(form, 'displayName') })),
	password: formAction('password', async (event, form) => {
		const user = requireAccount(event.locals, event.url);
		const result = await changePassword(getDb(), user, field(form, 'current'), field(form, 'next'));
		if (!result.ok) return fail(result.status, { action: 'password', field: result.field, message: result.message });
		// A new password ends every other session: sign this device in afresh. It has passed
		// two-factor sign-in already (or it would not be here), so the new session has too.
		const twoFactorVerified = event.locals.session?.twoFactorVerified ?? false;
		await invalidateAllSessions(getDb(), user.id);
		await startSession(getDb(), { ...event, locals: { ...event.locals, session: null } }, user.id, { twoFactorVerified });
		return { action: 'password', done: 'Your password is changed. Other devices are signed out.' };
	}, () => ({ action: 'password' })),
	signOutEverywhere: formAction('sign-out-everywhere', async (event) => {
		const user = requireAccount(event.locals, event.url);
		await invalidateAllSessions(getDb(), user.id);
		deleteSessionTokenCookie(event);
		redirect(303, '/login');
	}, () => ({ action: 'signOutEverywhere' })),
	delete: formAction('delete-account', async (event, form) => {
		const user = requireAccount(event.locals, event.url);
		if (field(form, 'confirm') !== user.username) {
			return fail(400, { action: 'delete', field: 'confirm', message: 'Type your username exactly to confirm.' });
		}
		// Someone at a computer left signed in must not be able to delete the account.
		const check = await checkOwnPassword(getDb(), user, field(form, 'password'));
		if (!check.ok) return fail(check.status, { action: 'delete', field: 'password', message: check.message });
		await deleteAccount(getDb(), user.id);
		deleteSessionTokenCookie(event);
		redirect(303, '/');
	}, () => ({ action: 'delete' }))
};
