import { ANSWERS_DEPENDENCY } from '$lib/quiz/contract';
import { getCourse, getLesson } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { lessonState } from '$lib/server/progress/course-progress';
import { answerAction, answerStates } from '$lib/server/quiz/answer';
import { answerMarks } from '$lib/server/quiz/written';
import { selfCheckAction } from '$lib/server/quiz/self-check';
import type { Actions, PageServerLoad } from './$types';

/** The learner's own state in this lesson (the lesson itself comes from +layout.server.ts). */
export const load: PageServerLoad = async ({ params, locals, depends }) => {
	// Question.svelte reloads just this after an answer.
	depends(ANSWERS_DEPENDENCY);
	const lesson = await getLesson(params.slug);
	const course = await getCourse();
	const { latest, progress, diagnostic } = await lessonState(getDb(), course, lesson, locals.user?.id ?? null);
	// A diagnostic holds back all feedback until every question is answered.
	const holdFeedback = diagnostic !== null && progress.answered < progress.questions;
	const answers = answerStates(course, latest, await answerMarks(getDb(), course, [...latest.values()]));
	return {
		answers: holdFeedback ? {} : answers,
		saved: holdFeedback ? Object.keys(answers) : [],
		progress,
		diagnostic
	};
};

export const actions: Actions = {
	answer: async (event) => await answerAction(getDb(), await getCourse(), event.params.slug, event),
	selfCheck: async (event) => selfCheckAction(getDb(), await getCourse(), event)
};
