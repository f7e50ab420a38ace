import { fail, redirect } from '@sveltejs/kit';
import { requireInstructor } from '$lib/server/auth/guards';
import { checkClassDetails, classesTaughtBy, createClass } from '$lib/server/db/classes';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import { noteClassCreated } from '$lib/server/teach/created-flash';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireInstructor(locals, url);
	return { classes: await classesTaughtBy(getDb(), user.id) };
};

export const actions: Actions = {
	create: formAction('create-class', async ({ locals, url, cookies }, form) => {
		const user = requireInstructor(locals, url);
		const name = field(form, 'name').trim();
		const description = field(form, 'description').trim();
		const details = checkClassDetails(name, description);
		if (!details.ok) return fail(400, { name, description, message: details.message });
		const made = await createClass(getDb(), user.id, details.name, details.description);
		noteClassCreated(cookies, url, made.id);
		redirect(303, `/teach/classes/${made.id}`);
	}, (form) => ({ name: field(form, 'name').trim(), description: field(form, 'description').trim() }))
};
