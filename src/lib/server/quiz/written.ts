// Written (respond) answers after they are stored: the learner's self-check, the instructor's
// review, and the score they give the attempt. The score rule itself is writtenScore
// (quiz/types/respond/score.ts); this module stores its result as the attempt's earned/total,
// which is what progress, the dashboard and the CSV exports read, and the triggers of
// drizzle/0009 carry it into the derived rows (question and lesson summaries, first scores).
import type { AnswerMarks } from '../../quiz/contract';
import type { RespondQuestion } from '../../quiz/types/respond';
import { writtenScore } from '../../quiz/types/respond/score';
import type { Course } from '../content/course';
import type { LoadedQuestion } from '../content/questions';
import { and, desc, eq, isNotNull, or } from 'drizzle-orm';
import type { AppDatabase, Queryable } from '../db/open';
import { first, inList, listParameter, preparedPerDatabase } from '../db/results';
import { answerReviews, attempts, selfChecks } from '../db/schema';
import { transaction } from '../db/transaction';
import { currentAttempts } from '../progress/attempts';
import { versionsOf } from '../progress/course-progress';

/** The longest teacher's comment stored (a paragraph or two). */
export const MAX_COMMENT_LENGTH = 2000;

interface StoredMarks {
	ticked: string | null;
	score: number | null;
	comment: string | null;
	reviewedAt: number | null;
}

function respondQuestion(question: LoadedQuestion | undefined): RespondQuestion | null {
	return question?.type === 'respond' ? (question.definition as unknown as RespondQuestion) : null;
}

/** Whether a question is a written (respond) one, whose score follows its self-check and review. */
export function isWrittenQuestion(question: { type: string } | undefined): boolean {
	return question?.type === 'respond';
}

function parseTicked(json: string | null): string[] | null {
	if (json === null) return null;
	try {
		const value = JSON.parse(json);
		return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
	} catch {
		return [];
	}
}

function marksOf(question: RespondQuestion, row: StoredMarks | undefined): AnswerMarks {
	const selfCheck = parseTicked(row?.ticked ?? null);
	const review = row && row.score !== null ? { score: row.score, comment: row.comment ?? '', reviewedAt: row.reviewedAt ?? 0 } : null;
	return { selfCheck, review, score: writtenScore(question, selfCheck ? { ticked: selfCheck } : null, review) };
}

async function storedMarks(db: Queryable, attemptIds: number[]): Promise<Map<number, StoredMarks>> {
	if (attemptIds.length === 0) return new Map();
	const rows = await marksRead(db).execute({ ids: listParameter(attemptIds) });
	return new Map(rows.map((row) => [row.attemptId, { ...row, reviewedAt: row.reviewedAt?.getTime() ?? null }]));
}

/** storedMarks's read, prepared once per database (every lesson page with written answers makes it). */
function prepareMarksRead(db: Queryable) {
	return db
		.select({
			attemptId: attempts.id,
			ticked: selfChecks.ticked,
			score: answerReviews.score,
			comment: answerReviews.comment,
			reviewedAt: answerReviews.reviewedAt
		})
		.from(attempts)
		.leftJoin(selfChecks, eq(selfChecks.attemptId, attempts.id))
		.leftJoin(answerReviews, eq(answerReviews.attemptId, attempts.id))
		.where(and(inList(attempts.id, 'ids'), or(isNotNull(selfChecks.attemptId), isNotNull(answerReviews.attemptId))))
		.prepare('stored_marks');
}

const marksRead = preparedPerDatabase(prepareMarksRead);

/** The marks of written answers among these attempts (other types have none). */
export async function answerMarks(db: AppDatabase, course: Course, attempts: { id: number; questionId: string }[]): Promise<Map<number, AnswerMarks>> {
	const written = attempts.filter((a) => respondQuestion(course.questions.get(a.questionId)));
	const stored = await storedMarks(
		db,
		written.map((a) => a.id)
	);
	return new Map(written.map((a) => [a.id, marksOf(respondQuestion(course.questions.get(a.questionId))!, stored.get(a.id))]));
}

/** Writes the attempt's score from its self-check and review, by the one rule. */
async function rescore(db: Queryable, question: RespondQuestion, attemptId: number): Promise<AnswerMarks> {
	const marks = marksOf(question, (await storedMarks(db, [attemptId])).get(attemptId));
	await db.update(attempts).set({ earned: marks.score.earned, total: marks.score.total }).where(eq(attempts.id, attemptId));
	return marks;
}

/** The learner's latest attempt at a question, on its current version. */
async function latestAttemptId(db: Queryable, userId: string, question: LoadedQuestion): Promise<number | null> {
	const row = await first(
		db
			.select({ id: attempts.id })
			.from(attempts)
			.where(and(eq(attempts.userId, userId), eq(attempts.questionId, question.definition.id), eq(attempts.contentVersion, question.version)))
			.orderBy(desc(attempts.id))
			.limit(1)
	);
	return row?.id ?? null;
}

export type MarkOutcome = { ok: true; marks: AnswerMarks } | { ok: false; error: string };

/**
 * Stores the learner's self-check of their latest answer to a written question (replacing an
 * earlier one) and rescores the attempt, in one transaction.
 */
export async function saveSelfCheck(db: AppDatabase, course: Course, userId: string, questionId: string, ticked: string[]): Promise<MarkOutcome> {
	const loaded = course.questions.get(questionId);
	const question = respondQuestion(loaded);
	if (!loaded || !question) return { ok: false, error: 'That question has no self-check. Please reload the page.' };
	const statements = new Set(question.selfCheck.map((s) => s.id));
	if (ticked.some((id) => !statements.has(id))) return { ok: false, error: 'That self-check has changed. Please reload the page and tick it again.' };
	return await transaction(db, async (tx): Promise<MarkOutcome> => {
		const attemptId = await latestAttemptId(tx, userId, loaded);
		if (attemptId === null) return { ok: false, error: 'Send your answer first; then check it.' };
		const unique = JSON.stringify(question.selfCheck.map((s) => s.id).filter((id) => ticked.includes(id)));
		const checkedAt = new Date();
		await tx
			.insert(selfChecks)
			.values({ attemptId, ticked: unique, checkedAt })
			.onConflictDoUpdate({ target: selfChecks.attemptId, set: { ticked: unique, checkedAt } });
		return { ok: true, marks: await rescore(tx, question, attemptId) };
	});
}

/**
 * Stores an instructor's review of one attempt (replacing an earlier one) and rescores it. The
 * caller has checked that the attempt belongs to a student of the instructor's class.
 */
export async function saveReview(
	db: AppDatabase,
	course: Course,
	reviewerId: string,
	attempt: { id: number; questionId: string; contentVersion: string },
	score: number,
	comment: string
): Promise<MarkOutcome> {
	const loaded = course.questions.get(attempt.questionId);
	const question = respondQuestion(loaded);
	if (!loaded || !question || loaded.version !== attempt.contentVersion) {
		return { ok: false, error: 'That question has changed since this answer was written, so it cannot be scored with today’s rubric.' };
	}
	if (!question.rubric.some((level) => level.score === score)) return { ok: false, error: 'Choose one of the rubric’s levels.' };
	const text = comment.replace(/\r\n?/g, '\n').trim();
	if (text.length > MAX_COMMENT_LENGTH) {
		return { ok: false, error: `The comment is ${text.length} characters long; the limit is ${MAX_COMMENT_LENGTH}.` };
	}
	return await transaction(db, async (tx): Promise<MarkOutcome> => {
		const review = { reviewerId, score, comment: text, reviewedAt: new Date() };
		await tx
			.insert(answerReviews)
			.values({ attemptId: attempt.id, ...review })
			.onConflictDoUpdate({ target: answerReviews.attemptId, set: review });
		return { ok: true, marks: await rescore(tx, question, attempt.id) };
	});
}

export interface WrittenAnswerLine {
	questionId: string;
	lessonSlug: string;
	lessonTitle: string;
	prompt: string;
	marks: AnswerMarks;
	/** The rubric's top score and the level the teacher chose, once reviewed. */
	topScore: number;
	level: string | null;
}

/** A learner's written answers (latest, current versions) with their marks, for /progress. */
export async function writtenAnswers(db: AppDatabase, course: Course, userId: string | null): Promise<WrittenAnswerLine[]> {
	if (!userId) return [];
	const ids = course.lessons.flatMap((l) => l.questionIds).filter((id) => respondQuestion(course.questions.get(id)));
	if (ids.length === 0) return [];
	const { latest } = await currentAttempts(db, userId, versionsOf(course), ids);
	const marks = await answerMarks(db, course, [...latest.values()]);
	return course.lessons.flatMap((lesson) =>
		lesson.questionIds.flatMap((id) => {
			const attempt = latest.get(id);
			const question = respondQuestion(course.questions.get(id));
			if (!attempt || !question) return [];
			const attemptMarks = marks.get(attempt.id)!;
			const level = attemptMarks.review ? (question.rubric.find((l) => l.score === attemptMarks.review!.score)?.label ?? null) : null;
			return [
				{
					questionId: id,
					lessonSlug: lesson.slug,
					lessonTitle: `${lesson.number}. ${lesson.title}`,
					prompt: question.prompt,
					marks: attemptMarks,
					topScore: Math.max(...question.rubric.map((l) => l.score)),
					level
				}
			];
		})
	);
}
