import { fail } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { classPracticeReport, practiceMatrix } from '$lib/server/class-texts/report';
import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { checkClassDetails, generateJoinCode, updateClass } from '$lib/server/db/classes';
import { field, formAction } from '$lib/server/form-action';
import { classPageData } from '$lib/server/teach/class-page';
import { takeClassCreated } from '$lib/server/teach/created-flash';
import { askToRemove, makeResetCode, putBack, removeFromClass } from '$lib/server/teach/roster-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const page = await classPageData(getDb(), await getCourse(), klass, url);
	return { ...page, practice: practiceMatrix(await classPracticeReport(getDb(), klass.id), page.students), created: takeClassCreated(cookies, url, klass.id) };
};

/** An action's outcome on one student: what to show beside them, or a 400 saying why not. */
const roster = (outcome: Awaited<ReturnType<typeof askToRemove>>) => (outcome.ok ? outcome.result : fail(400, outcome.refusal));

export const actions: Actions = {
	rename: formAction('rename-class', async ({ locals, url, params }, form) => {
		const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		// The same rules as creating a class (the name rule, 300 characters of description).
		const details = checkClassDetails(field(form, 'name'), field(form, 'description'));
		if (!details.ok) return fail(400, { at: 'settings' as const, message: details.message });
		await updateClass(getDb(), klass.id, { name: details.name, description: details.description });
		return { at: 'settings' as const, done: 'Saved.' };
	}),
	regenerate: formAction('new-join-code', async ({ locals, url, params }) => {
		const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		await updateClass(getDb(), klass.id, { joinCode: generateJoinCode() });
		return { at: 'join' as const, done: 'New join code made. The old one no longer works.' };
	}),
	turnOff: formAction('joining-off', async ({ locals, url, params }) => {
		const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		await updateClass(getDb(), klass.id, { joinCode: null });
		return { at: 'join' as const, done: 'Joining is turned off.' };
	}),
	archive: formAction('archive-class', async ({ locals, url, params }) => {
		const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		await updateClass(getDb(), klass.id, { archivedAt: klass.archivedAt ? null : new Date() });
		return { at: 'settings' as const, done: klass.archivedAt ? 'The class is active again.' : 'The class is archived.' };
	}),
	/** A one-time code a student in this class uses to set a new password (shown once, beside them). */
	resetCode: formAction('reset-code', async ({ locals, url, params }, form) => {
		const { user, klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		return roster(await makeResetCode(getDb(), user.id, klass.id, field(form, 'userId')));
	}),
	/** Two steps: without confirm=yes it only asks; with it, the student is removed (answers kept). */
	removeStudent: formAction('remove-student', async ({ locals, url, params }, form) => {
		const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		const userId = field(form, 'userId');
		return roster(field(form, 'confirm') === 'yes' ? await removeFromClass(getDb(), klass.id, userId) : await askToRemove(getDb(), klass.id, userId));
	}),
	/** Undoes a recent removal. */
	restoreStudent: formAction('restore-student', async ({ locals, url, params }, form) => {
		const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
		return roster(await putBack(getDb(), klass.id, field(form, 'userId')));
	})
};
