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

export interface DiagnosticResult {
	slug: string;
	title: string;
	questions: number;
	answered: number;
	/** Mean first-attempt score (0 to 1) once every question is answered, else null. */
	score: number | null;
}

/**
 * A diagnostic's result from first attempts on the current versions: answering again after
 * seeing the feedback does not change the starting (or end) point.
 */
export function diagnosticResult(
	lesson: { slug: string; title: string; questionIds: string[] },
	versions: Map<string, string>,
	first: Map<string, Attempt>
): DiagnosticResult {
	const counted = lesson.questionIds
		.map((id) => first.get(id))
		.filter((a): a is Attempt => a !== undefined && a.contentVersion === versions.get(a.questionId));
	const questions = lesson.questionIds.length;
	const complete = questions > 0 && counted.length === questions;
	const score = complete ? counted.reduce((sum, a) => sum + (a.total > 0 ? a.earned / a.total : 0), 0) / questions : null;
	return { slug: lesson.slug, title: lesson.title, questions, answered: counted.length, score };
}

/** Gain from the before to the after diagnostic, raw and normalised ((after − before) / (1 − before)). */
export function diagnosticGain(before: number | null, after: number | null): { raw: number; normalised: number | null } | null {
	if (before === null || after === null) return null;
	return { raw: after - before, normalised: before >= 1 ? null : (after - before) / (1 - before) };
}
