// An instructor's page of one student: a summary per lesson at the top (score on what was done,
// answers given, last activity), then the page's answers grouped by lesson.
import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { discernmentPatterns, type DiscernmentFigures, type DiscernmentPattern } from '../progress/discernment';
import { doneScore, lessonShortTitle } from './matrix';
import { learnerLessonActivity, learnerLessonSummaries } from './queries';
import { syncDashboardSummaries } from './summaries';

export interface StudentLessonLine {
	slug: string;
	number: number;
	title: string;
	shortTitle: string;
	questions: number;
	/** Questions answered (current versions). */
	answered: number;
	/** Score on what was done in the lesson (0..1), null when nothing is answered. */
	doneScore: number | null;
	/** Every answer given in the lesson, retries included. */
	attempts: number;
	lastAt: number | null;
}

export interface StudentSummary {
	lessons: StudentLessonLine[];
	answered: number;
	questions: number;
	doneScore: number | null;
	completed: number;
	discernment: DiscernmentFigures;
	patterns: DiscernmentPattern[];
}

/** The figures the class matrix shows for this student, lesson by lesson, with answers and last activity. */
export async function studentSummary(db: AppDatabase, course: Course, userId: string): Promise<StudentSummary> {
	await syncDashboardSummaries(db, course);
	const summaries = new Map((await learnerLessonSummaries(db, userId)).map((s) => [s.lessonSlug, s]));
	const activity = new Map((await learnerLessonActivity(db, userId)).map((a) => [a.lessonSlug, a]));
	const discernment = { neutral: 0, flagged: 0, framed: 0, missed: 0 };
	let answered = 0;
	let earned = 0;
	const lessons = course.lessons.map((lesson) => {
		const summary = summaries.get(lesson.slug);
		const act = activity.get(lesson.slug);
		if (summary) {
			answered += summary.answered;
			earned += summary.latestEarned;
			discernment.neutral += summary.neutralSeen;
			discernment.flagged += summary.neutralFlagged;
			discernment.framed += summary.framedSeen;
			discernment.missed += summary.framedMissed;
		}
		return {
			slug: lesson.slug,
			number: lesson.number,
			title: lesson.title,
			shortTitle: lessonShortTitle(lesson),
			questions: lesson.questionIds.length,
			answered: summary?.answered ?? 0,
			doneScore: summary ? doneScore(summary.latestEarned, summary.answered) : null,
			attempts: act?.attempts ?? 0,
			lastAt: act?.lastAt ?? null
		};
	});
	const questions = course.lessons.reduce((sum, l) => sum + l.questionIds.length, 0);
	return {
		lessons,
		answered,
		questions,
		doneScore: doneScore(earned, answered),
		completed: questions === 0 ? 0 : answered / questions,
		discernment,
		patterns: discernmentPatterns(discernment)
	};
}

/** Answers grouped by lesson, keeping their order: the lesson answered most recently first. */
export function groupByLesson<A extends { lessonSlug: string }>(attempts: A[]): { lessonSlug: string; attempts: A[] }[] {
	const groups = new Map<string, A[]>();
	for (const attempt of attempts) {
		const group = groups.get(attempt.lessonSlug) ?? [];
		group.push(attempt);
		groups.set(attempt.lessonSlug, group);
	}
	return [...groups].map(([lessonSlug, list]) => ({ lessonSlug, attempts: list }));
}
