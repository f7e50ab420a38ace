import { fail, redirect } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { field, formAction } from '$lib/server/form-action';
import { attemptIdFrom, reviewPageData, reviewFilter, nextAfterReview, filterQuery } from '$lib/server/teach/review-page';
import { reviewAnswer } from '$lib/server/teach/reviews';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	return await reviewPageData(getDb(), await getCourse(), klass, url);
};

const kept = (form: FormData) => ({ attemptId: field(form, 'attemptId'), score: field(form, 'score'), comment: field(form, 'comment') });

export const actions: Actions = {
	/** Scores one answer, then goes on to the next one waiting (Post/Redirect/Get, also without JavaScript). */
	review: formAction(
		'review-answer',
		async ({ locals, url, params }, form) => {
			const { user, klass } = await requireOwnedClass(getDb(), locals, url, params.id);
			const course = await getCourse();
			const attemptId = attemptIdFrom(field(form, 'attemptId'));
			const scoreText = field(form, 'score');
			if (scoreText === '') return fail(400, { ...kept(form), message: 'Choose a level of the rubric before saving.' });
			const saved = await reviewAnswer(getDb(), course, klass.id, user.id, attemptId, Number(scoreText), field(form, 'comment'));
			if (!saved.ok) return fail(400, { ...kept(form), message: saved.error });
			const filter = reviewFilter(new URLSearchParams({ question: field(form, 'question'), student: field(form, 'student'), status: field(form, 'status') }));
			const next = await nextAfterReview(getDb(), course, klass.id, filter, attemptId);
			// To the answer itself, so that without JavaScript the page opens where the work goes on.
			redirect(303, `/teach/classes/${klass.id}/reviews?${filterQuery(filter, { attempt: next, saved: attemptId })}#current-answer`);
		},
		kept
	)
};
