import type { Course } from '../content/course';
import type { Queryable } from '../db/open';
import { firstAttempts, latestAttempts } from './attempts';
import { diagnosticGain, diagnosticResult, lessonProgress, type DiagnosticResult, type LessonProgress } from './progress';

function versionsOf(course: Course): Map<string, string> {
	return new Map([...course.questions].map(([id, q]) => [id, q.version]));
}

/** Every lesson's progress for one learner (all zero for a visitor who has not answered yet). */
export function courseProgress(db: Queryable, course: Course, userId: string | null): LessonProgress[] {
	const latest = userId ? latestAttempts(db, userId) : new Map();
	return lessonProgress(course.lessons, versionsOf(course), latest);
}

export interface BeforeAndAfter {
	before: DiagnosticResult | null;
	after: DiagnosticResult | null;
	gain: { raw: number; normalised: number | null } | null;
}

/** The learner's before and after diagnostics (null where the course has no such lesson). */
export function beforeAndAfter(db: Queryable, course: Course, userId: string | null): BeforeAndAfter {
	const versions = versionsOf(course);
	const result = (kind: 'before' | 'after') => {
		const lesson = course.lessons.find((l) => l.diagnostic === kind);
		if (!lesson) return null;
		const first = userId ? firstAttempts(db, userId, lesson.questionIds) : new Map();
		return diagnosticResult(lesson, versions, first);
	};
	const before = result('before');
	const after = result('after');
	return { before, after, gain: diagnosticGain(before?.score ?? null, after?.score ?? null) };
}
