// The lesson's selfCheck action: the learner ticks statements about their own written answer.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { rateLimits } from '../auth/rate-limit';
import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { WRITE_FAILED_MESSAGE } from '../db/failures';
import { field, formAction } from '../form-action';
import { TOO_MANY_ANSWERS } from './answer';
import { saveSelfCheck } from './written';

export async function selfCheckAction(db: AppDatabase, course: Course, event: RequestEvent) {
	return formAction('self-check', async (event: RequestEvent, form) => {
		const questionId = field(form, 'questionId');
		const refuse = (status: number, selfCheckError: string) => fail(status, { questionId, selfCheckError });
		const lesson = course.lessons.find((l) => l.slug === event.params.slug);
		if (!lesson || !lesson.questionIds.includes(questionId)) return refuse(400, 'That question is not in this lesson. Please reload the page.');
		if (!event.locals.user) return refuse(400, 'Send your answer first; then check it.');
		// The answer limits apply: a self-check is a write like an answer.
		const limited =
			(event.locals.session && (await rateLimits.consume('answersPerSession', event.locals.session.id))) ||
			(await rateLimits.consume('answersPerIp', event.getClientAddress()));
		if (limited) return refuse(429, TOO_MANY_ANSWERS);
		const ticked = form.getAll('ticked').filter((v): v is string => typeof v === 'string');
		const saved = await saveSelfCheck(db, course, event.locals.user.id, questionId, ticked);
		if (!saved.ok) return refuse(400, saved.error);
		if (event.request.headers.get('x-sveltekit-action') === 'true') return { questionId, selfCheckSaved: true };
		redirect(303, `/lessons/${event.params.slug}#${questionId}`);
	}, (form) => ({ questionId: field(form, 'questionId'), selfCheckError: WRITE_FAILED_MESSAGE }))(event);
}
