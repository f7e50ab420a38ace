// Class-wide aggregates for the instructor dashboard, computed in SQL so that a class of
// thousands never loads its attempts into JavaScript. They read the derived tables of
// drizzle/0002 to 0004, kept by triggers: attempt_summaries (each learner's first and latest
// attempt per question version), lesson_summaries (per learner and lesson, current versions
// only) and first_scores (each learner's first scores, packed). course_questions lists the
// current versions; syncDashboardSummaries keeps it.
import type { AppDatabase } from '../db/open';

export interface LessonSummary {
	userId: string;
	lessonSlug: string;
	/** Questions answered (current versions). */
	answered: number;
	/** Sum of latest scores (0..1 each). */
	latestEarned: number;
	/** Sum of first-attempt scores (0..1 each). */
	firstEarned: number;
	/** Time of the student's latest answer in the lesson (ms). */
	lastAt: number;
	/** Neutral claims and words met on first attempts, and how many were wrongly flagged. */
	neutralSeen: number;
	neutralFlagged: number;
}

export interface StudentRow {
	userId: string;
	username: string | null;
	displayName: string | null;
}

export function classRoster(db: AppDatabase, classId: string): StudentRow[] {
	return db.$client
		.prepare(
			`select u.id as userId, u.username, u.display_name as displayName
			   from enrollments e join users u on u.id = e.user_id
			  where e.class_id = ?
			  order by u.display_name collate nocase`
		)
		.all(classId) as StudentRow[];
}

/** Per student and lesson: one row from lesson_summaries for each lesson a student has begun. */
export function lessonSummaries(db: AppDatabase, classId: string): LessonSummary[] {
	return db.$client
		.prepare(
			`select l.user_id as userId, l.lesson_slug as lessonSlug, l.answered, l.latest_earned as latestEarned,
			        l.first_earned as firstEarned, l.last_at as lastAt, l.neutral_seen as neutralSeen,
			        l.neutral_flagged as neutralFlagged
			   from enrollments e
			   join lesson_summaries l on l.user_id = e.user_id
			  where e.class_id = ?`
		)
		.all(classId) as LessonSummary[];
}

/**
 * Every first-attempt score of the class on current question versions: for each student, a
 * list of [question position in course_questions, score 0..1]. first_scores (drizzle/0004)
 * keeps each student's pairs packed in one string, because reading 100,000 rows one by one
 * costs far more than the statistics themselves.
 */
export function firstScoresByStudent(db: AppDatabase, classId: string): [position: number, score: number][][] {
	const packed = db.$client
		.prepare(
			`select f.packed
			   from enrollments e
			   join first_scores f on f.user_id = e.user_id
			  where e.class_id = ?`
		)
		.pluck()
		.all(classId) as string[];
	return packed.map((text) => {
		const numbers = text.split(' ');
		const pairs: [number, number][] = [];
		for (let i = 0; i < numbers.length; i += 2) pairs.push([Number(numbers[i]), Number(numbers[i + 1])]);
		return pairs;
	});
}

/**
 * A fingerprint of the class's first attempts: changes when a student in the class answers a
 * question for the first time, joins, leaves, or has answers moved or deleted. It reads one
 * index entry per answer and hands back one row, so it costs a fraction of the statistics.
 */
export function firstAttemptsStamp(db: AppDatabase, classId: string): string {
	const row = db.$client
		.prepare(
			`select count(*) as n, coalesce(sum(s.first_id), 0) as ids, coalesce(sum(s.first_score), 0) as scores
			   from enrollments e
			   join attempt_summaries s on s.user_id = e.user_id
			  where e.class_id = ?`
		)
		.get(classId) as { n: number; ids: number; scores: number };
	return `${row.n}:${row.ids}:${row.scores}`;
}

/**
 * How often each value was chosen on first attempts, for one question: `path` is the JSON path
 * of an array (choice `$.selected`, highlight `$.selected`) or object (classify `$.labels`,
 * match `$.pairs`) in the stored response. Keys are "value" for arrays and "key=value" for objects.
 */
export function firstResponseCounts(
	db: AppDatabase,
	classId: string,
	questionId: string,
	version: string,
	path: string
): { choice: string; count: number }[] {
	return db.$client
		.prepare(
			`select case when typeof(j.key) = 'integer' then cast(j.value as text)
			             else j.key || '=' || j.value end as choice,
			        count(*) as count
			   from enrollments e
			   join attempt_summaries s on s.user_id = e.user_id and s.question_id = ? and s.content_version = ?
			   join attempts a on a.id = s.first_id
			   join json_each(a.response, ?) j
			  where e.class_id = ?
			  group by choice
			  order by count desc, choice`
		)
		.all(questionId, version, path, classId) as { choice: string; count: number }[];
}

export interface AttemptExportRow {
	attemptId: number;
	student: string | null;
	username: string | null;
	lessonSlug: string;
	questionId: string;
	contentVersion: string;
	earned: number;
	total: number;
	response: string;
	createdAt: number;
}

/** Every attempt by the class's students, oldest first (for the attempts export). */
export function classAttempts(db: AppDatabase, classId: string): AttemptExportRow[] {
	return db.$client
		.prepare(
			`select a.id as attemptId, u.display_name as student, u.username, a.lesson_slug as lessonSlug,
			        a.question_id as questionId, a.content_version as contentVersion, a.earned, a.total,
			        a.response, a.created_at as createdAt
			   from attempts a
			   join enrollments e on e.user_id = a.user_id and e.class_id = ?
			   join users u on u.id = a.user_id
			  order by a.id`
		)
		.all(classId) as AttemptExportRow[];
}

/** One student's attempts, newest first. */
export function studentAttempts(db: AppDatabase, userId: string) {
	return db.$client
		.prepare(
			`select id, lesson_slug as lessonSlug, question_id as questionId, content_version as contentVersion,
			        response, earned, total, created_at as createdAt
			   from attempts where user_id = ? order by id desc`
		)
		.all(userId) as {
		id: number;
		lessonSlug: string;
		questionId: string;
		contentVersion: string;
		response: string;
		earned: number;
		total: number;
		createdAt: number;
	}[];
}
