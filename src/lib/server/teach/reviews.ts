// The review queue of a class: students' written (respond) answers, the latest on the current
// version of each question, with what an instructor needs to score them. Only students enrolled
// in the class appear, so a self-study learner's text is seen by no one else.
import type { QuotedText } from '../../quiz/contract';
import type { RespondQuestion, RespondResponse } from '../../quiz/types/respond';
import type { Course } from '../content/course';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open';
import { epochMs, first, inValues, queryRows } from '../db/results';
import { attempts, enrollments } from '../db/schema';
import { syncDashboardSummaries } from '../dashboard/summaries';
import { saveReview, type MarkOutcome } from '../quiz/written';

export type ReviewStatus = 'waiting' | 'reviewed' | 'all';

export interface ReviewFilter {
	questionId: string | null;
	studentId: string | null;
	status: ReviewStatus;
}

export interface QueuedAnswer {
	attemptId: number;
	questionId: string;
	studentId: string;
	studentName: string;
	writtenAt: number;
	review: { score: number; comment: string; reviewedAt: number } | null;
}

export interface ReviewedQuestion {
	id: string;
	lesson: string;
	prompt: string;
	task: string | null;
	excerpt: QuotedText | null;
	fields: { id: string; label: string }[];
	modelAnswers: string[];
	rubric: { score: number; label: string; descriptor: string }[];
}

function respondQuestions(course: Course): Map<string, { version: string; lesson: string; definition: RespondQuestion }> {
	const lessons = new Map(course.lessons.flatMap((l) => l.questionIds.map((id) => [id, `${l.number}. ${l.title}`] as const)));
	return new Map(
		[...course.questions]
			.filter(([, q]) => q.type === 'respond')
			.map(([id, q]) => [id, { version: q.version, lesson: lessons.get(id) ?? '', definition: q.definition as unknown as RespondQuestion }])
	);
}

/** What the review page shows of a question: prompt, passage, model answers, rubric (lowest first). */
export function reviewedQuestion(course: Course, questionId: string): ReviewedQuestion | null {
	const question = respondQuestions(course).get(questionId);
	if (!question) return null;
	const d = question.definition;
	return {
		id: questionId,
		lesson: question.lesson,
		prompt: d.prompt,
		task: d.task?.question ?? null,
		excerpt: d.excerpt ?? null,
		fields: d.fields.map(({ id, label }) => ({ id, label })),
		modelAnswers: d.modelAnswers,
		rubric: [...d.rubric].sort((a, b) => a.score - b.score)
	};
}

/** The written questions of the course in course order, for the filter. */
export function writtenQuestionChoices(course: Course): { id: string; label: string }[] {
	const written = respondQuestions(course);
	const short = (text: string) => (text.length > 70 ? `${text.slice(0, 69).trimEnd()}…` : text);
	return course.lessons.flatMap((l) =>
		l.questionIds.filter((id) => written.has(id)).map((id) => ({ id, label: `${l.number}. ${short(course.questions.get(id)!.definition.prompt)}` }))
	);
}

/**
 * The class's written answers matching the filter, oldest first (the order they came in): each
 * student's latest answer to each written question, on its current version.
 */
export async function reviewQueue(db: AppDatabase, course: Course, classId: string, filter: ReviewFilter): Promise<QueuedAnswer[]> {
	await syncDashboardSummaries(db, course);
	const written = respondQuestions(course);
	const wanted = [...written.keys()].filter((id) => filter.questionId === null || id === filter.questionId);
	if (wanted.length === 0) return [];
	const status =
		filter.status === 'waiting' ? sql`and r.attempt_id is null` : filter.status === 'reviewed' ? sql`and r.attempt_id is not null` : sql``;
	const rows = await queryRows<Omit<QueuedAnswer, 'review'> & { score: number | null; comment: string | null; reviewedAt: number | null }>(
		db,
		sql`select a.id as "attemptId", a.question_id as "questionId", a.user_id as "studentId",
		           coalesce(u.display_name, u.username, 'Student') as "studentName", ${epochMs(sql`a.created_at`)} as "writtenAt",
		           r.score as score, r.comment as comment, ${epochMs(sql`r.reviewed_at`)} as "reviewedAt"
		      from enrollments e
		      join users u on u.id = e.user_id
		      join attempt_summaries s on s.user_id = e.user_id
		      join course_questions q on q.question_id = s.question_id and q.version = s.content_version
		      join attempts a on a.id = s.latest_id
		      left join answer_reviews r on r.attempt_id = a.id
		     where e.class_id = ${classId} and ${inValues(sql`s.question_id`, wanted)}
		       ${filter.studentId === null ? sql`` : sql`and e.user_id = ${filter.studentId}`}
		       ${status}
		     order by a.id`
	);
	return rows.map(({ score, comment, reviewedAt, ...row }) => ({
		...row,
		review: score === null ? null : { score, comment: comment ?? '', reviewedAt: reviewedAt ?? 0 }
	}));
}

/** One written answer of a student of the class, by attempt id (any of their answers, not only the latest). */
export async function queuedAnswer(db: AppDatabase, course: Course, classId: string, attemptId: number): Promise<QueuedAnswer | null> {
	const [row] = await queryRows<Omit<QueuedAnswer, 'review'> & { version: string; score: number | null; comment: string | null; reviewedAt: number | null }>(
		db,
		sql`select a.id as "attemptId", a.question_id as "questionId", a.content_version as version, a.user_id as "studentId",
		           coalesce(u.display_name, u.username, 'Student') as "studentName", ${epochMs(sql`a.created_at`)} as "writtenAt",
		           r.score as score, r.comment as comment, ${epochMs(sql`r.reviewed_at`)} as "reviewedAt"
		      from attempts a
		      join enrollments e on e.user_id = a.user_id and e.class_id = ${classId}
		      join users u on u.id = a.user_id
		      left join answer_reviews r on r.attempt_id = a.id
		     where a.id = ${attemptId}`
	);
	if (!row || respondQuestions(course).get(row.questionId)?.version !== row.version) return null;
	const { score, comment, reviewedAt, version: _version, ...answer } = row;
	return { ...answer, review: score === null ? null : { score, comment: comment ?? '', reviewedAt: reviewedAt ?? 0 } };
}

/** How many written answers of the class wait for a review (for the link on the class page). */
export async function waitingForReview(db: AppDatabase, course: Course, classId: string): Promise<number> {
	return (await reviewQueue(db, course, classId, { questionId: null, studentId: null, status: 'waiting' })).length;
}

/** The stored response of a queued answer (what the student wrote, plain text). */
export async function writtenResponse(db: AppDatabase, attemptId: number): Promise<RespondResponse | null> {
	const json = (await first(db.select({ response: attempts.response }).from(attempts).where(eq(attempts.id, attemptId))))?.response;
	if (json === undefined) return null;
	try {
		const parsed = JSON.parse(json) as RespondResponse;
		return parsed && typeof parsed.fields === 'object' ? parsed : null;
	} catch {
		return null;
	}
}

/**
 * Scores one answer of the class: refused unless the attempt is a student's latest written
 * answer in this class (the queue's rows), so an instructor can score only their own students.
 */
export async function reviewAnswer(
	db: AppDatabase,
	course: Course,
	classId: string,
	reviewerId: string,
	attemptId: number,
	score: number,
	comment: string
): Promise<MarkOutcome> {
	const attempt = await first(
		db
			.select({ id: attempts.id, questionId: attempts.questionId, contentVersion: attempts.contentVersion })
			.from(attempts)
			.innerJoin(enrollments, and(eq(enrollments.userId, attempts.userId), eq(enrollments.classId, classId)))
			.where(eq(attempts.id, attemptId))
	);
	if (!attempt || !respondQuestions(course).has(attempt.questionId)) {
		return { ok: false, error: 'That answer is not one of this class’s written answers. Please reload the page.' };
	}
	return await saveReview(db, course, reviewerId, attempt, score, comment);
}
