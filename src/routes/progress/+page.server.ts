import { fail } from '@sveltejs/kit';
import { classPracticeList } from '$lib/server/class-texts/practice';
import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import { classesOfStudent, removeStudent } from '$lib/server/db/classes';
import { deleteAttempts } from '$lib/server/progress/attempts';
import { beforeAndAfter, courseProgress } from '$lib/server/progress/course-progress';
import { discernmentPatterns, learnerDiscernment } from '$lib/server/progress/discernment';
import { writtenAnswers } from '$lib/server/quiz/written';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const course = await getCourse();
	const discernment = locals.user ? await learnerDiscernment(getDb(), locals.user.id) : { neutral: 0, flagged: 0, framed: 0, missed: 0 };
	return {
		discernment: { ...discernment, patterns: discernmentPatterns(discernment) },
		role: locals.user?.role ?? null,
		lessons: await courseProgress(getDb(), course, locals.user?.id ?? null),
		diagnostics: await beforeAndAfter(getDb(), course, locals.user?.id ?? null),
		classes: locals.user && locals.user.role !== 'guest' ? await classesOfStudent(getDb(), locals.user.id) : [],
		classPractice: locals.user && locals.user.role !== 'guest' ? await classPracticeList(getDb(), locals.user.id) : [],
		written: await writtenAnswers(getDb(), course, locals.user?.id ?? null)
	};
};

export const actions: Actions = {
	/** A student leaves a class (their answers stay theirs). */
	leaveClass: formAction('leave-class', async ({ locals }, form) => {
		if (!locals.user) return fail(403, { startOverError: undefined });
		const classId = field(form, 'classId');
		await removeStudent(getDb(), classId, locals.user.id);
		return { left: true };
	}),
	/** A guest deletes all their answers and begins again (accounts keep their history). */
	startOver: formAction('start-over', async ({ locals }, form) => {
		if (form.get('confirm') !== 'yes') {
			return fail(400, { startOverError: 'Tick the box to confirm that you want to delete your answers.' });
		}
		if (!locals.user) return { deleted: 0 };
		if (locals.user.role !== 'guest') {
			return fail(403, { startOverError: 'Starting over is for guests. Your account keeps its history.' });
		}
		return { deleted: await deleteAttempts(getDb(), locals.user.id) };
	})
};
