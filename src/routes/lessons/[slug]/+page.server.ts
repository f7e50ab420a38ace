import { getCourse, getLesson } from '$lib/server/content';
import { quotesByKey, sourceCard } from '$lib/server/content/views';
import { getDb } from '$lib/server/db';
import { latestAttempts } from '$lib/server/progress/attempts';
import { lessonProgress } from '$lib/server/progress/progress';
import { answerStates, publicQuestions, submitAnswer } from '$lib/server/quiz/answer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const lesson = await getLesson(params.slug);
	const course = await getCourse();
	const latest = locals.user ? latestAttempts(getDb(), locals.user.id, lesson.questionIds) : new Map();
	const versions = new Map(lesson.questionIds.map((id) => [id, course.questions.get(id)!.version]));
	return {
		lesson,
		quotes: quotesByKey(lesson),
		sources: lesson.sources.map((id) => sourceCard(course.sources.get(id)!)),
		questions: publicQuestions(course, lesson.questionIds),
		answers: answerStates(course, latest),
		progress: lessonProgress([lesson], versions, latest)[0]
	};
};

export const actions: Actions = {
	answer: async (event) => submitAnswer(getDb(), await getCourse(), event.params.slug, event)
};
