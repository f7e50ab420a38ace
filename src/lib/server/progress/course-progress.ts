import type { Course } from '../content/course';
import type { Queryable } from '../db/open';
import { latestAttempts } from './attempts';
import { lessonProgress, type LessonProgress } from './progress';

/** Every lesson's progress for one learner (all zero for a visitor who has not answered yet). */
export function courseProgress(db: Queryable, course: Course, userId: string | null): LessonProgress[] {
	const latest = userId ? latestAttempts(db, userId) : new Map();
	const versions = new Map([...course.questions].map(([id, q]) => [id, q.version]));
	return lessonProgress(course.lessons, versions, latest);
}
