import { getCourse, getLesson } from '$lib/server/content';
import { quotesByKey, sourceCard } from '$lib/server/content/views';
import { publicQuestions } from '$lib/server/quiz/answer';
import type { LayoutServerLoad } from './$types';

/**
 * What is the same for every learner of this lesson: its text, quotes, sources and questions.
 * A layout load of its own, so that after an answer the browser reloads only the page load
 * below it (the learner's answers), not the whole lesson again.
 */
export const load: LayoutServerLoad = async ({ params }) => {
	const lesson = await getLesson(params.slug);
	const course = await getCourse();
	return {
		lesson,
		quotes: quotesByKey(lesson),
		sources: lesson.sources.map((id) => sourceCard(course.sources.get(id)!)),
		questions: publicQuestions(course, lesson.questionIds)
	};
};
