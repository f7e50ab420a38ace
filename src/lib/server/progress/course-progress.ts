import type { Course } from '../content/course';
import type { Queryable } from '../db/open';
import { currentAttempts, type QuestionVersions } from './attempts';
import { nextStep, type NextStep } from './next-step';
import { diagnosticGain, diagnosticResult, lessonProgress, type DiagnosticResult, type LessonProgress } from './progress';

export function versionsOf(course: Course): QuestionVersions {
	return new Map([...course.questions].map(([id, q]) => [id, q.version]));
}

/** Every lesson's progress for one learner (all zero for a visitor who has not answered yet). */
export async function courseProgress(db: Queryable, course: Course, userId: string | null): Promise<LessonProgress[]> {
	const { latest } = userId ? await currentAttempts(db, userId, versionsOf(course)) : { latest: new Map() };
	return lessonProgress(course.lessons, versionsOf(course), latest);
}

/** Every lesson's progress and where the learner picks the course up again, from one read of their attempts. */
export async function courseOverview(db: Queryable, course: Course, userId: string | null): Promise<{ lessons: LessonProgress[]; next: NextStep }> {
	const versions = versionsOf(course);
	const { latest } = userId ? await currentAttempts(db, userId, versions) : { latest: new Map() };
	return { lessons: lessonProgress(course.lessons, versions, latest), next: nextStep(course.lessons, latest) };
}

export interface BeforeAndAfter {
	before: DiagnosticResult | null;
	after: DiagnosticResult | null;
	gain: { raw: number; normalised: number | null } | null;
}

/** The learner's before and after diagnostics (null where the course has no such lesson). */
export async function beforeAndAfter(db: Queryable, course: Course, userId: string | null): Promise<BeforeAndAfter> {
	const versions = versionsOf(course);
	const result = async (kind: 'before' | 'after') => {
		const lesson = course.lessons.find((l) => l.diagnostic === kind);
		if (!lesson) return null;
		const { first } = userId ? await currentAttempts(db, userId, versions, lesson.questionIds) : { first: new Map() };
		return diagnosticResult(lesson, versions, first);
	};
	const before = await result('before');
	const after = await result('after');
	return { before, after, gain: diagnosticGain(before?.score ?? null, after?.score ?? null) };
}

/** One lesson as its page shows it: progress, the current attempts, and the diagnostic result if it is one. */
export async function lessonState(db: Queryable, course: Course, lesson: Course['lessons'][number], userId: string | null) {
	const versions = versionsOf(course);
	const { first, latest } = userId ? await currentAttempts(db, userId, versions, lesson.questionIds) : { first: new Map(), latest: new Map() };
	return {
		latest,
		progress: lessonProgress([lesson], versions, latest)[0],
		diagnostic: lesson.diagnostic ? diagnosticResult(lesson, versions, first) : null
	};
}
