import { fail } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { issueResetCode } from '$lib/server/auth/password-reset';
import { checkClassDetails, classStudents, generateJoinCode, isEnrolled, removeStudent, updateClass } from '$lib/server/db/classes';
import { getCourse } from '$lib/server/content';
import { gainBands, scoreBands } from '$lib/server/dashboard/distributions';
import { classMatrix, type MatrixSort } from '$lib/server/dashboard/matrix';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';

const SORTS: MatrixSort[] = ['name', 'progress', 'score', 'active'];

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
	const requested = url.searchParams.get('sort') as MatrixSort;
	const sort = SORTS.includes(requested) ? requested : 'name';
	const search = url.searchParams.get('q') ?? '';
	const matrix = classMatrix(getDb(), await getCourse(), klass.id, sort, search);
	return {
		matrix,
		charts: { scores: scoreBands(matrix.rows), gains: gainBands(matrix.rows) },
		sort,
		search,
		klass: { id: klass.id, name: klass.name, description: klass.description, joinCode: klass.joinCode, archived: klass.archivedAt !== null },
		joinLink: klass.joinCode ? `${url.origin}/join?code=${klass.joinCode}` : null,
		students: classStudents(getDb(), klass.id)
	};
};

export const actions: Actions = {
	rename: formAction('rename-class', ({ locals, url, params }, form) => {
		const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
		// The same rules as creating a class (the name rule, 300 characters of description).
		const details = checkClassDetails(field(form, 'name'), field(form, 'description'));
		if (!details.ok) return fail(400, { message: details.message });
		updateClass(getDb(), klass.id, { name: details.name, description: details.description });
		return { done: 'Saved.' };
	}),
	regenerate: formAction('new-join-code', ({ locals, url, params }) => {
		const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
		updateClass(getDb(), klass.id, { joinCode: generateJoinCode() });
		return { done: 'New join code made. The old one no longer works.' };
	}),
	turnOff: formAction('joining-off', ({ locals, url, params }) => {
		const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
		updateClass(getDb(), klass.id, { joinCode: null });
		return { done: 'Joining is turned off.' };
	}),
	archive: formAction('archive-class', ({ locals, url, params }) => {
		const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
		updateClass(getDb(), klass.id, { archivedAt: klass.archivedAt ? null : new Date() });
		return { done: klass.archivedAt ? 'The class is active again.' : 'The class is archived.' };
	}),
	/** A one-time code a student in this class uses to set a new password (shown once). */
	resetCode: formAction('reset-code', ({ locals, url, params }, form) => {
		const { user, klass } = requireOwnedClass(getDb(), locals, url, params.id);
		const userId = field(form, 'userId');
		if (!isEnrolled(getDb(), klass.id, userId)) return fail(400, { message: 'That student is not in this class.' });
		const student = classStudents(getDb(), klass.id).find((s) => s.id === userId)!;
		// Only students: an instructor listed here (joined before that was refused) keeps their own password.
		const resetCode = issueResetCode(getDb(), user.id, userId);
		if (!resetCode) return fail(400, { message: 'Reset codes are only for student accounts, and this is not one.' });
		return { resetCode, resetFor: student.displayName, resetUsername: student.username };
	}),
	removeStudent: formAction('remove-student', ({ locals, url, params }, form) => {
		const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
		const userId = field(form, 'userId');
		if (!removeStudent(getDb(), klass.id, userId)) return fail(400, { message: 'That student is not in this class.' });
		return { done: 'Student removed from the class.' };
	})
};
