import type { Attempt } from '../db/schema';

export interface LessonProgress {
	slug: string;
	title: string;
	number: number;
	/** Questions in the lesson. */
	questions: number;
	/** Questions with at least one attempt on the current version. */
	answered: number;
	/** Sum of the latest scores, as a share of all the lesson's questions (0 to 1). */
	score: number;
}

/**
 * Progress per lesson from the learner's latest attempts. An attempt on an older version of a
 * question does not count: the question changed, so it is open again.
 */
export function lessonProgress(
	lessons: { slug: string; title: string; number: number; questionIds: string[] }[],
	versions: Map<string, string>,
	latest: Map<string, Attempt>
): LessonProgress[] {
	return lessons.map((lesson) => {
		let answered = 0;
		let earned = 0;
		for (const id of lesson.questionIds) {
			const attempt = latest.get(id);
			if (!attempt || attempt.contentVersion !== versions.get(id)) continue;
			answered += 1;
			earned += attempt.total > 0 ? attempt.earned / attempt.total : 0;
		}
		const questions = lesson.questionIds.length;
		return {
			slug: lesson.slug,
			title: lesson.title,
			number: lesson.number,
			questions,
			answered,
			score: questions === 0 ? 0 : earned / questions
		};
	});
}
