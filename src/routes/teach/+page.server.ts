import { fail, redirect } from '@sveltejs/kit';
import { requireInstructor } from '$lib/server/auth/guards';
import { classesTaughtBy, createClass } from '$lib/server/db/classes';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireInstructor(locals, url);
	return { classes: classesTaughtBy(getDb(), user.id) };
};

export const actions: Actions = {
	create: formAction('create-class', ({ locals, url }, form) => {
		const user = requireInstructor(locals, url);
		const name = field(form, 'name').trim();
		const description = field(form, 'description').trim();
		if (name === '' || name.length > 80) {
			return fail(400, { name, description, message: 'Give the class a name of up to 80 characters.' });
		}
		if (description.length > 300) return fail(400, { name, description, message: 'Keep the description to 300 characters.' });
		const made = createClass(getDb(), user.id, name, description || null);
		redirect(303, `/teach/classes/${made.id}`);
	}, (form) => ({ name: field(form, 'name').trim(), description: field(form, 'description').trim() }))
};
