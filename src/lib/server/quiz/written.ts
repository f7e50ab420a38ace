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
import type { AppDatabase } from '../db/open';
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

function storedMarks(db: AppDatabase, attemptIds: number[]): Map<number, StoredMarks> {
	if (attemptIds.length === 0) return new Map();
	const rows = db.$client
		.prepare(
			`select a.value as attemptId, c.ticked as ticked, r.score as score, r.comment as comment, r.reviewed_at as reviewedAt
			   from json_each(?) a
			   left join self_checks c on c.attempt_id = a.value
			   left join answer_reviews r on r.attempt_id = a.value
			  where c.attempt_id is not null or r.attempt_id is not null`
		)
		.all(JSON.stringify(attemptIds)) as (StoredMarks & { attemptId: number })[];
	return new Map(rows.map((row) => [row.attemptId, row]));
}

/** The marks of written answers among these attempts (other types have none). */
export function answerMarks(db: AppDatabase, course: Course, attempts: { id: number; questionId: string }[]): Map<number, AnswerMarks> {
	const written = attempts.filter((a) => respondQuestion(course.questions.get(a.questionId)));
	const stored = storedMarks(
		db,
		written.map((a) => a.id)
	);
	return new Map(written.map((a) => [a.id, marksOf(respondQuestion(course.questions.get(a.questionId))!, stored.get(a.id))]));
}

/** Writes the attempt's score from its self-check and review, by the one rule. */
function rescore(db: AppDatabase, question: RespondQuestion, attemptId: number): AnswerMarks {
	const marks = marksOf(question, storedMarks(db, [attemptId]).get(attemptId));
	db.$client.prepare('update attempts set earned = ?, total = ? where id = ?').run(marks.score.earned, marks.score.total, attemptId);
	return marks;
}

/** The learner's latest attempt at a question, on its current version. */
function latestAttemptId(db: AppDatabase, userId: string, question: LoadedQuestion): number | null {
	const row = db.$client
		.prepare('select max(id) as id from attempts where user_id = ? and question_id = ? and content_version = ?')
		.get(userId, question.definition.id, question.version) as { id: number | null };
	return row.id;
}

export type MarkOutcome = { ok: true; marks: AnswerMarks } | { ok: false; error: string };

/**
 * Stores the learner's self-check of their latest answer to a written question (replacing an
 * earlier one) and rescores the attempt, in one transaction.
 */
export function saveSelfCheck(db: AppDatabase, course: Course, userId: string, questionId: string, ticked: string[]): MarkOutcome {
	const loaded = course.questions.get(questionId);
	const question = respondQuestion(loaded);
	if (!loaded || !question) return { ok: false, error: 'That question has no self-check. Please reload the page.' };
	const statements = new Set(question.selfCheck.map((s) => s.id));
	if (ticked.some((id) => !statements.has(id))) return { ok: false, error: 'That self-check has changed. Please reload the page and tick it again.' };
	return db.$client.transaction((): MarkOutcome => {
		const attemptId = latestAttemptId(db, userId, loaded);
		if (attemptId === null) return { ok: false, error: 'Send your answer first; then check it.' };
		const unique = question.selfCheck.map((s) => s.id).filter((id) => ticked.includes(id));
		db.$client
			.prepare(
				`insert into self_checks (attempt_id, ticked, checked_at) values (?, ?, ?)
				 on conflict (attempt_id) do update set ticked = excluded.ticked, checked_at = excluded.checked_at`
			)
			.run(attemptId, JSON.stringify(unique), Date.now());
		return { ok: true, marks: rescore(db, question, attemptId) };
	})();
}

/**
 * Stores an instructor's review of one attempt (replacing an earlier one) and rescores it. The
 * caller has checked that the attempt belongs to a student of the instructor's class.
 */
export function saveReview(
	db: AppDatabase,
	course: Course,
	reviewerId: string,
	attempt: { id: number; questionId: string; contentVersion: string },
	score: number,
	comment: string
): MarkOutcome {
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
	return db.$client.transaction((): MarkOutcome => {
		db.$client
			.prepare(
				`insert into answer_reviews (attempt_id, reviewer_id, score, comment, reviewed_at) values (?, ?, ?, ?, ?)
				 on conflict (attempt_id) do update set reviewer_id = excluded.reviewer_id, score = excluded.score,
				   comment = excluded.comment, reviewed_at = excluded.reviewed_at`
			)
			.run(attempt.id, reviewerId, score, text, Date.now());
		return { ok: true, marks: rescore(db, question, attempt.id) };
	})();
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
export function writtenAnswers(db: AppDatabase, course: Course, userId: string | null): WrittenAnswerLine[] {
	if (!userId) return [];
	const ids = course.lessons.flatMap((l) => l.questionIds).filter((id) => respondQuestion(course.questions.get(id)));
	if (ids.length === 0) return [];
	const { latest } = currentAttempts(db, userId, versionsOf(course), ids);
	const marks = answerMarks(db, course, [...latest.values()]);
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
