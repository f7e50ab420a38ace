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
	lastActive: number | null;
}

export function classRoster(db: AppDatabase, classId: string): StudentRow[] {
	return db.$client
		.prepare(
			`select u.id as userId, u.username, u.display_name as displayName,
			        (select max(a.created_at) from attempts a where a.user_id = u.id) as lastActive
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
			`with v(question_id, version) as (select key, value from json_each(?)),
			 latest as (
			   select a.user_id, a.question_id, max(a.id) as id
			     from attempts a
			     join enrollments e on e.user_id = a.user_id and e.class_id = ?
			    group by a.user_id, a.question_id
			 )
			 select a.user_id as userId, a.lesson_slug as lessonSlug, count(*) as answered,
			        sum(a.earned / a.total) as earned, max(a.created_at) as lastActive
			   from latest l
			   join attempts a on a.id = l.id
			   join v on v.question_id = a.question_id and v.version = a.content_version
			  group by a.user_id, a.lesson_slug`
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
			`with v(question_id, version) as (select key, value from json_each(?)),
			 firsts as (
			   select a.user_id, a.question_id, min(a.id) as id
			     from attempts a
			     join enrollments e on e.user_id = a.user_id and e.class_id = ?
			     join v on v.question_id = a.question_id and v.version = a.content_version
			    group by a.user_id, a.question_id
			 )
			 select f.user_id as userId, f.question_id as questionId, a.earned / a.total as score
			   from firsts f join attempts a on a.id = f.id`
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
			`with firsts as (
			   select min(a.id) as id
			     from attempts a
			     join enrollments e on e.user_id = a.user_id and e.class_id = ?
			    where a.question_id = ? and a.content_version = ?
			    group by a.user_id
			 )
			 select case when typeof(j.key) = 'integer' then cast(j.value as text)
			             else j.key || '=' || j.value end as choice,
			        count(*) as count
			   from firsts f
			   join attempts a on a.id = f.id
			   join json_each(a.response, ?) j
			  group by choice
			  order by count desc, choice`
		)
		.all(classId, questionId, version, path) as { choice: string; count: number }[];
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
