// Where a learner picks the course up again: the first lesson for someone who has not answered
// anything, else the lesson they were last working in (or the next one with questions left).
import type { LessonSummary } from '../../content/types';
import type { Attempt } from '../db/schema';

export type NextStep =
	| { kind: 'start'; lesson: LessonSummary }
	| { kind: 'continue'; lesson: LessonSummary; /** The first question still to answer, in page order. */ questionId: string }
	| { kind: 'done' };

type LessonLike = LessonSummary & { questionIds: string[] };

const summaryOf = ({ slug, number, title, summary, minutes }: LessonLike): LessonSummary => ({ slug, number, title, summary, minutes });

/**
 * `latest` holds the learner's latest attempt per question on its current version (as
 * currentAttempts gives it). The lesson of the most recent answer comes first if it still has
 * questions to answer; then the lessons after it, then those before it.
 */
export function nextStep(lessons: LessonLike[], latest: Map<string, Pick<Attempt, 'id' | 'questionId'>>): NextStep {
	if (lessons.length === 0) return { kind: 'done' };
	// Attempt ids grow with every answer, so the largest is the most recent (ties of time cannot mislead).
	let mostRecent: Pick<Attempt, 'id' | 'questionId'> | null = null;
	for (const attempt of latest.values()) if (!mostRecent || attempt.id > mostRecent.id) mostRecent = attempt;
	const at = mostRecent ? lessons.findIndex((l) => l.questionIds.includes(mostRecent.questionId)) : -1;
	if (at === -1) return { kind: 'start', lesson: summaryOf(lessons[0]) };
	for (let step = 0; step < lessons.length; step++) {
		const lesson = lessons[(at + step) % lessons.length];
		const open = lesson.questionIds.find((id) => !latest.has(id));
		if (open) return { kind: 'continue', lesson: summaryOf(lesson), questionId: open };
	}
	return { kind: 'done' };
}
