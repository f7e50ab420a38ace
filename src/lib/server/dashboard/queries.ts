// Class-wide aggregates for the instructor dashboard, computed in SQL so that a class of
// thousands never loads its attempts into JavaScript. Only attempts on the current version of
// each question count (passed in as JSON: { questionId: version }).
import type { AppDatabase } from '../db/open';

export interface MatrixCell {
	userId: string;
	lessonSlug: string;
	answered: number;
	/** Sum of latest scores (0..1 each) in the lesson. */
	earned: number;
	/** Time of the student's latest answer in the lesson (ms). */
	lastActive: number;
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

/** Per student and lesson: questions answered and summed score, from each latest attempt. */
export function progressMatrix(db: AppDatabase, classId: string, versions: Record<string, string>): MatrixCell[] {
	return db.$client
		.prepare(
			// For each student and question, one index seek finds the latest attempt
			// (attempts_user_question_idx covers user_id, question_id, id).
			`with v(question_id, version) as (select key, value from json_each(?))
			 select e.user_id as userId, a.lesson_slug as lessonSlug, count(*) as answered,
			        sum(a.earned / a.total) as earned, max(a.created_at) as lastActive
			   from enrollments e
			   cross join v
			   join attempts a on a.id = (
			          select max(a2.id) from attempts a2
			           where a2.user_id = e.user_id and a2.question_id = v.question_id)
			  where e.class_id = ? and a.content_version = v.version
			  group by e.user_id, a.lesson_slug`
		)
		.all(JSON.stringify(versions), classId) as MatrixCell[];
}

export interface FirstScore {
	userId: string;
	questionId: string;
	score: number;
}

/** Each student's first attempt at each question (current version): the item-analysis input. */
export function firstAttemptScores(db: AppDatabase, classId: string, versions: Record<string, string>): FirstScore[] {
	return db.$client
		.prepare(
			`with v(question_id, version) as (select key, value from json_each(?))
			 select e.user_id as userId, v.question_id as questionId, a.earned / a.total as score
			   from enrollments e
			   cross join v
			   join attempts a on a.id = (
			          select min(a2.id) from attempts a2
			           where a2.user_id = e.user_id and a2.question_id = v.question_id
			             and a2.content_version = v.version)
			  where e.class_id = ?`
		)
		.all(JSON.stringify(versions), classId) as FirstScore[];
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
			   join attempts a on a.id = (
			          select min(a2.id) from attempts a2
			           where a2.user_id = e.user_id and a2.question_id = ? and a2.content_version = ?)
			   join json_each(a.response, ?) j
			  where e.class_id = ?
			  group by choice
			  order by count desc, choice`
		)
		.all(questionId, version, path, classId) as { choice: string; count: number }[];
}

/** Every attempt by the class's students, oldest first (for the attempts export). */
export function classAttempts(db: AppDatabase, classId: string) {
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
		.all(classId) as {
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
	}[];
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
