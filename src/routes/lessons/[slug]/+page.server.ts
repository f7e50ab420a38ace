import { getCourse, getLesson } from '$lib/server/content';
import { quotesByKey, sourceCard } from '$lib/server/content/views';
import { getDb } from '$lib/server/db';
import { firstAttempts, latestAttempts } from '$lib/server/progress/attempts';
import { diagnosticResult, lessonProgress } from '$lib/server/progress/progress';
import { answerStates, publicQuestions, submitAnswer } from '$lib/server/quiz/answer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const lesson = await getLesson(params.slug);
	const course = await getCourse();
	const db = getDb();
	const latest = locals.user ? latestAttempts(db, locals.user.id, lesson.questionIds) : new Map();
	const versions = new Map(lesson.questionIds.map((id) => [id, course.questions.get(id)!.version]));
	const progress = lessonProgress([lesson], versions, latest)[0];
	// A diagnostic holds back all feedback until every question is answered.
	const diagnostic = lesson.diagnostic
		? diagnosticResult(lesson, versions, locals.user ? firstAttempts(db, locals.user.id, lesson.questionIds) : new Map())
		: null;
	const holdFeedback = diagnostic !== null && progress.answered < progress.questions;
	const answers = answerStates(course, latest);
	return {
		lesson,
		quotes: quotesByKey(lesson),
		sources: lesson.sources.map((id) => sourceCard(course.sources.get(id)!)),
		questions: publicQuestions(course, lesson.questionIds),
		answers: holdFeedback ? {} : answers,
		saved: holdFeedback ? Object.keys(answers) : [],
		progress,
		diagnostic
	};
};

export const actions: Actions = {
	answer: async (event) => submitAnswer(getDb(), await getCourse(), event.params.slug, event)
};
