// Class-wide aggregates for the instructor dashboard, computed in SQL so that a class of
// thousands never loads its attempts into JavaScript. They read attempt_summaries (each
// learner's first and latest attempt per question version, kept by triggers: see
// drizzle/0002). Only attempts on the current version of each question count.
import type { AppDatabase } from '../db/open';

/**
 * Runs `query` with the temp table current_versions(question_id primary key, version) holding
 * `versions`, so joins on it use an index (a json_each table would be scanned for every row).
 */
function withCurrentVersions<T>(db: AppDatabase, versions: Record<string, string>, query: () => T): T {
	const client = db.$client;
	client.exec('create temp table if not exists current_versions (question_id text primary key, version text not null) without rowid');
	return client.transaction(() => {
		client.exec('delete from current_versions');
		const insert = client.prepare('insert into current_versions (question_id, version) values (?, ?)');
		for (const [questionId, version] of Object.entries(versions)) insert.run(questionId, version);
		return query();
	})();
}

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
	// attempt_summaries (kept by triggers, see drizzle/0002) holds each latest attempt already.
	return withCurrentVersions(db, versions, () =>
		db.$client
			.prepare(
				`select s.user_id as userId, s.lesson_slug as lessonSlug, count(*) as answered,
				        sum(s.latest_score) as earned, max(s.latest_at) as lastActive
				   from enrollments e
				   join attempt_summaries s on s.user_id = e.user_id
				   join temp.current_versions v on v.question_id = s.question_id and v.version = s.content_version
				  where e.class_id = ?
				  group by s.user_id, s.lesson_slug`
			)
			.all(classId)
	) as MatrixCell[];
}

export interface FirstScore {
	userId: string;
	questionId: string;
	score: number;
}

/** Each student's first attempt at each question (current version): the item-analysis input. */
export function firstAttemptScores(db: AppDatabase, classId: string, versions: Record<string, string>): FirstScore[] {
	return withCurrentVersions(db, versions, () =>
		db.$client
			.prepare(
				`select s.user_id as userId, s.question_id as questionId, s.first_score as score
				   from enrollments e
				   join attempt_summaries s on s.user_id = e.user_id
				   join temp.current_versions v on v.question_id = s.question_id and v.version = s.content_version
				  where e.class_id = ?`
			)
			.all(classId)
	) as FirstScore[];
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

/** Each student's first response to each of the given questions (current versions). */
export function firstResponses(
	db: AppDatabase,
	classId: string,
	versions: Record<string, string>
): { userId: string; questionId: string; response: string }[] {
	return withCurrentVersions(db, versions, () =>
		db.$client
			.prepare(
				`select s.user_id as userId, s.question_id as questionId, a.response
				   from enrollments e
				   join attempt_summaries s on s.user_id = e.user_id
				   join temp.current_versions v on v.question_id = s.question_id and v.version = s.content_version
				   join attempts a on a.id = s.first_id
				  where e.class_id = ?`
			)
			.all(classId)
	) as { userId: string; questionId: string; response: string }[];
}
