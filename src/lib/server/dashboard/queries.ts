// Class-wide aggregates for the instructor dashboard, computed in SQL so that a class of
// thousands never loads its attempts into JavaScript. They read the derived tables of
// drizzle/0002 to 0005, kept by triggers: attempt_summaries (each learner's first and latest
// attempt per question version), lesson_summaries (per learner and lesson, current versions
// only) and first_scores (each learner's first scores, packed). course_questions lists the
// current versions; syncDashboardSummaries keeps it.
//
// Each query has the SQLite form, through better-sqlite3's prepared statements (which stream rows
// as plain arrays: the fastest path, measured in bench/), and the PostgreSQL form, through drizzle.
import { sql } from 'drizzle-orm';
import { DIALECT } from '../db/dialect';
import { sqliteClient, type AppDatabase } from '../db/open';
import { epochMs, queryRows } from '../db/results';

/** Numbers, whatever the driver gave (PostgreSQL's counts are read as numbers by open-postgres.ts; times come as epochMs). */
const toNumber = (value: unknown): number => (value instanceof Date ? value.getTime() : Number(value));

/**
 * The values at a JSON path of each stored response, as "value" for an array's items and
 * "key=value" for an object's entries (what json_each gives in SQLite's forms below). `path`
 * is SQLite's "$.selected"; PostgreSQL takes it as a text array, {selected}.
 */
const postgresChoices = (response: ReturnType<typeof sql>, path: ReturnType<typeof sql>) => sql`
	cross join lateral (
		select j.value as choice from jsonb_array_elements_text(
			case when jsonb_typeof((${response})::jsonb #> ${path}) = 'array' then (${response})::jsonb #> ${path} else '[]'::jsonb end) j
		union all
		select j.key || '=' || j.value from jsonb_each_text(
			case when jsonb_typeof((${response})::jsonb #> ${path}) = 'object' then (${response})::jsonb #> ${path} else '{}'::jsonb end) j
	) c`;

/** "$.labels" → "{labels}", for PostgreSQL's #> operator. */
const postgresPath = (path: string) => `{${path.replace(/^\$\.?/, '').split('.').join(',')}}`;

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
	/** Framed sentences and loaded words met on first attempts, and how many were taken as plain. */
	framedSeen: number;
	framedMissed: number;
}

export interface StudentRow {
	userId: string;
	username: string | null;
	displayName: string | null;
}

export async function classRoster(db: AppDatabase, classId: string): Promise<StudentRow[]> {
	if (DIALECT === 'postgres') {
		return queryRows<StudentRow>(
			db,
			sql`select u.id as "userId", u.username, u.display_name as "displayName"
			      from enrollments e join users u on u.id = e.user_id
			     where e.class_id = ${classId}
			     order by lower(u.display_name), u.display_name`
		);
	}
	return sqliteClient(db)
		.prepare(
			`select u.id as userId, u.username, u.display_name as displayName
			   from enrollments e join users u on u.id = e.user_id
			  where e.class_id = ?
			  order by u.display_name collate nocase`
		)
		.all(classId) as StudentRow[];
}

/** How many students the class has. */
export async function classSize(db: AppDatabase, classId: string): Promise<number> {
	if (DIALECT === 'postgres') {
		const [row] = await queryRows<{ n: string }>(db, sql`select count(*) as n from enrollments where class_id = ${classId}`);
		return toNumber(row.n);
	}
	return sqliteClient(db).prepare('select count(*) from enrollments where class_id = ?').pluck().get(classId) as number;
}

/**
 * The reads below that feed sums and statistics come in one order on both databases (by user
 * id, byte by byte: PostgreSQL's "C" collation is SQLite's), so the arithmetic on them is the
 * same and the two show the same figures to the last digit.
 *
 * Per student and lesson: each row of lesson_summaries for the class, handed to `visit` as it is
 * read. Rows come as plain arrays and live only for the call: for 10,000 students, building and
 * keeping 110,000 row objects cost more than the query. `visit` must not use the database: the
 * connection is busy until the last row. (PostgreSQL's rows come whole, then are visited.)
 */
export async function forEachLessonSummary(db: AppDatabase, classId: string, visit: (summary: LessonSummary) => void): Promise<void> {
	if (DIALECT === 'postgres') {
		const rows = await queryRows<Record<string, unknown>>(
			db,
			sql`select l.user_id, l.lesson_slug, l.answered, l.latest_earned, l.first_earned, ${epochMs(sql`l.last_at`)} as last_at,
			           l.neutral_seen, l.neutral_flagged, l.framed_seen, l.framed_missed
			      from enrollments e
			      join lesson_summaries l on l.user_id = e.user_id
			     where e.class_id = ${classId}
			     order by e.user_id collate "C", l.lesson_slug collate "C"`
		);
		for (const row of rows) visit(lessonSummaryOf(row));
		return;
	}
	const rows = sqliteClient(db)
		.prepare(
			`select l.user_id, l.lesson_slug, l.answered, l.latest_earned, l.first_earned, l.last_at, l.neutral_seen, l.neutral_flagged,
			        l.framed_seen, l.framed_missed
			   from enrollments e
			   join lesson_summaries l on l.user_id = e.user_id
			  where e.class_id = ?
			  order by e.user_id, l.lesson_slug`
		)
		.raw()
		.iterate(classId) as IterableIterator<[string, string, number, number, number, number, number, number, number, number]>;
	for (const [userId, lessonSlug, answered, latestEarned, firstEarned, lastAt, neutralSeen, neutralFlagged, framedSeen, framedMissed] of rows) {
		visit({ userId, lessonSlug, answered, latestEarned, firstEarned, lastAt, neutralSeen, neutralFlagged, framedSeen, framedMissed });
	}
}

/** A lesson_summaries row as PostgreSQL returns it (snake_case names, counts possibly as strings). */
function lessonSummaryOf(row: Record<string, unknown>): LessonSummary {
	return {
		userId: row.user_id as string,
		lessonSlug: row.lesson_slug as string,
		answered: toNumber(row.answered),
		latestEarned: toNumber(row.latest_earned),
		firstEarned: toNumber(row.first_earned),
		lastAt: toNumber(row.last_at),
		neutralSeen: toNumber(row.neutral_seen),
		neutralFlagged: toNumber(row.neutral_flagged),
		framedSeen: toNumber(row.framed_seen),
		framedMissed: toNumber(row.framed_missed)
	};
}

/** One learner's lesson_summaries rows (current question versions), any lesson order. */
export async function learnerLessonSummaries(db: AppDatabase, userId: string): Promise<Omit<LessonSummary, 'userId'>[]> {
	if (DIALECT === 'postgres') {
		const rows = await queryRows<Record<string, unknown>>(
			db,
			sql`select user_id, lesson_slug, answered, latest_earned, first_earned, ${epochMs(sql`last_at`)} as last_at,
			           neutral_seen, neutral_flagged, framed_seen, framed_missed
			      from lesson_summaries where user_id = ${userId}`
		);
		return rows.map((row) => {
			const { userId: _, ...summary } = lessonSummaryOf(row);
			return summary;
		});
	}
	return sqliteClient(db)
		.prepare(
			`select lesson_slug as lessonSlug, answered, latest_earned as latestEarned, first_earned as firstEarned, last_at as lastAt,
			        neutral_seen as neutralSeen, neutral_flagged as neutralFlagged, framed_seen as framedSeen, framed_missed as framedMissed
			   from lesson_summaries where user_id = ?`
		)
		.all(userId) as Omit<LessonSummary, 'userId'>[];
}

/** How many answers a learner gave in each lesson (every attempt, any version) and when the last was. */
export async function learnerLessonActivity(db: AppDatabase, userId: string): Promise<{ lessonSlug: string; attempts: number; lastAt: number }[]> {
	if (DIALECT === 'postgres') {
		const rows = await queryRows<{ lessonSlug: string; attempts: unknown; lastAt: unknown }>(
			db,
			sql`select lesson_slug as "lessonSlug", count(*) as attempts, ${epochMs(sql`max(created_at)`)} as "lastAt"
			      from attempts where user_id = ${userId} group by lesson_slug`
		);
		return rows.map((row) => ({ lessonSlug: row.lessonSlug, attempts: toNumber(row.attempts), lastAt: toNumber(row.lastAt) }));
	}
	return sqliteClient(db)
		.prepare(
			`select lesson_slug as lessonSlug, count(*) as attempts, max(created_at) as lastAt
			   from attempts where user_id = ? group by lesson_slug`
		)
		.all(userId) as { lessonSlug: string; attempts: number; lastAt: number }[];
}

/** Every lesson_summaries row of the class, as a list (the tests read the triggers' work with it). */
export async function lessonSummaries(db: AppDatabase, classId: string): Promise<LessonSummary[]> {
	const list: LessonSummary[] = [];
	await forEachLessonSummary(db, classId, (summary) => list.push(summary));
	return list;
}

/**
 * The class's first-attempt scores on current question versions: one packed string per student
 * who has answered anything, "position score position score …", with positions from
 * course_questions and scores in billionths (SCORE_SCALE). first_scores (drizzle/0005) keeps
 * them packed because reading 100,000 rows one by one costs far more than the statistics
 * themselves. Each row is handed to `visit` as it is read, while it is still in the CPU's cache
 * (`visit` must not use the database meanwhile); unpackFirstScores reads one.
 */
export async function forEachPackedFirstScores(db: AppDatabase, classId: string, visit: (packed: string) => void): Promise<void> {
	if (DIALECT === 'postgres') {
		const rows = await queryRows<{ packed: string }>(
			db,
			sql`select f.packed from enrollments e join first_scores f on f.user_id = e.user_id
			     where e.class_id = ${classId} order by e.user_id collate "C"`
		);
		for (const row of rows) visit(row.packed);
		return;
	}
	const rows = sqliteClient(db)
		.prepare(
			`select f.packed
			   from enrollments e
			   join first_scores f on f.user_id = e.user_id
			  where e.class_id = ?
			  order by e.user_id`
		)
		.pluck()
		.iterate(classId) as IterableIterator<string>;
	for (const packed of rows) visit(packed);
}

/**
 * first_scores stores each score (0..1) as a whole number of billionths, so that reading it back
 * is integer arithmetic rather than float parsing, which took most of the item analysis's time.
 * A billionth is far below anything the dashboard shows. (The triggers of drizzle/0005 write the
 * same number.)
 */
export const SCORE_SCALE = 1_000_000_000;

const SPACE = 32;
const ZERO = 48;

/**
 * Reads one packed row into `positions` and `scores` (buffers the caller reuses, as long as the
 * course has questions) and returns how many pairs it held. It scans the digits by hand: for
 * 10,000 students split() and Number() made two million short-lived strings.
 */
export function unpackFirstScores(text: string, positions: Int32Array, scores: Float64Array): number {
	let count = 0;
	let i = 0;
	while (i < text.length) {
		let position = 0;
		for (let c = text.charCodeAt(i); i < text.length && c !== SPACE; c = text.charCodeAt(++i)) position = position * 10 + (c - ZERO);
		i++;
		let score = 0;
		for (let c = text.charCodeAt(i); i < text.length && c !== SPACE; c = text.charCodeAt(++i)) score = score * 10 + (c - ZERO);
		positions[count] = position;
		scores[count] = score / SCORE_SCALE;
		count++;
		i++; // the space before the next pair
	}
	return count;
}

/**
 * A fingerprint of the class's first attempts: changes when a student in the class answers a
 * question for the first time, joins with answers, leaves, or has answers moved or deleted.
 * The triggers replace a student's first_scores row on every such change, and its id is never
 * reused (AUTOINCREMENT; an identity on PostgreSQL), so the count and the sum of ids change with
 * it. It reads one index entry per student. Being read from the database, it is the same for
 * every app process, so a cached analysis (items.ts) is never stale in any of them.
 */
export async function firstAttemptsStamp(db: AppDatabase, classId: string): Promise<string> {
	if (DIALECT === 'postgres') {
		const [row] = await queryRows<{ n: unknown; ids: unknown }>(
			db,
			sql`select count(*) as n, coalesce(sum(f.id), 0) as ids
			      from enrollments e
			      join first_scores f on f.user_id = e.user_id
			     where e.class_id = ${classId}`
		);
		return `${toNumber(row.n)}:${toNumber(row.ids)}`;
	}
	const row = sqliteClient(db)
		.prepare(
			`select count(*) as n, coalesce(sum(f.id), 0) as ids
			   from enrollments e
			   join first_scores f on f.user_id = e.user_id
			  where e.class_id = ?`
		)
		.get(classId) as { n: number; ids: number };
	return `${row.n}:${row.ids}`;
}

/**
 * How often each value was chosen on first attempts, for one question: `path` is the JSON path
 * of an array (choice `$.selected`, highlight `$.selected`) or object (classify `$.labels`,
 * match `$.pairs`) in the stored response. Keys are "value" for arrays and "key=value" for objects.
 */
export async function firstResponseCounts(
	db: AppDatabase,
	classId: string,
	questionId: string,
	version: string,
	path: string
): Promise<{ choice: string; count: number }[]> {
	if (DIALECT === 'postgres') {
		const rows = await queryRows<{ choice: string; count: unknown }>(
			db,
			sql`select c.choice, count(*) as count
			      from enrollments e
			      join attempt_summaries s on s.user_id = e.user_id and s.question_id = ${questionId} and s.content_version = ${version}
			      join attempts a on a.id = s.first_id
			      ${postgresChoices(sql`a.response`, sql`${postgresPath(path)}::text[]`)}
			     where e.class_id = ${classId}
			     group by c.choice
			     order by count(*) desc, c.choice collate "C"`
		);
		return rows.map((row) => ({ choice: row.choice, count: toNumber(row.count) }));
	}
	return sqliteClient(db)
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

/**
 * firstResponseCounts for every current question of the course at once (one read instead of one
 * per question): `paths` gives each question's JSON path, as its type's responsePath. Questions
 * nobody in the class answered are absent.
 */
export async function classFirstResponseCounts(db: AppDatabase, classId: string, paths: Record<string, string>): Promise<Map<string, Map<string, number>>> {
	const rows = DIALECT === 'postgres' ? await postgresClassFirstResponseCounts(db, classId, paths) : sqliteClassFirstResponseCounts(db, classId, paths);
	const counts = new Map<string, Map<string, number>>();
	for (const row of rows) {
		const question = counts.get(row.questionId) ?? new Map<string, number>();
		question.set(row.choice, toNumber(row.count));
		counts.set(row.questionId, question);
	}
	return counts;
}

async function postgresClassFirstResponseCounts(db: AppDatabase, classId: string, paths: Record<string, string>) {
	const postgresPaths = Object.fromEntries(Object.entries(paths).map(([id, path]) => [id, postgresPath(path)]));
	return queryRows<{ questionId: string; choice: string; count: unknown }>(
		db,
		sql`select s.question_id as "questionId", c.choice, count(*) as count
		      from enrollments e
		      join attempt_summaries s on s.user_id = e.user_id
		      join course_questions q on q.question_id = s.question_id and q.version = s.content_version
		      join jsonb_each_text(${JSON.stringify(postgresPaths)}::jsonb) p on p.key = s.question_id
		      join attempts a on a.id = s.first_id
		      ${postgresChoices(sql`a.response`, sql`p.value::text[]`)}
		     where e.class_id = ${classId}
		     group by s.question_id, c.choice`
	);
}

function sqliteClassFirstResponseCounts(db: AppDatabase, classId: string, paths: Record<string, string>) {
	return sqliteClient(db)
		.prepare(
			`select s.question_id as questionId,
			        case when typeof(j.key) = 'integer' then cast(j.value as text)
			             else j.key || '=' || j.value end as choice,
			        count(*) as count
			   from enrollments e
			   join attempt_summaries s on s.user_id = e.user_id
			   join course_questions q on q.question_id = s.question_id and q.version = s.content_version
			   join json_each(?) p on p.key = s.question_id
			   join attempts a on a.id = s.first_id
			   join json_each(a.response, p.value) j
			  where e.class_id = ?
			  group by s.question_id, choice`
		)
		.all(JSON.stringify(paths), classId) as { questionId: string; choice: string; count: number }[];
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
	/** A written answer's review (null when not reviewed, or not a written answer) and whether it was self-checked (0/1). */
	reviewScore?: number | null;
	reviewComment?: string | null;
	selfChecked?: number;
}

export interface AttemptExportPage {
	rows: AttemptExportRow[];
	/** The id to continue after, or null when no attempt is left. */
	next: number | null;
}

/**
 * One page of the attempts export: the class's attempts with an id above `afterId`, oldest
 * first, at most `limit` of them and only among the next `span` ids. The export streams page
 * after page, each read whole with .all(): the one connection is shared by every request, so no
 * statement stays open between pages (an open iterator would keep it busy for everyone, and a
 * read transaction would hold back WAL checkpoints).
 * The CROSS JOINs make SQLite walk attempts in id order from `afterId` and stop at `limit`;
 * left to itself it reads every remaining attempt of the class and sorts them, on every page.
 * `span` bounds that walk where the class has few attempts among many (a class of last year):
 * a page may then come back empty, with `next` further on.
 */
export async function classAttemptsPage(db: AppDatabase, classId: string, afterId: number, limit = 1000, span = 10_000): Promise<AttemptExportPage> {
	if (DIALECT === 'postgres') return await postgresClassAttemptsPage(db, classId, afterId, limit);
	const client = sqliteClient(db);
	const rows = client
		.prepare(
			`select a.id as attemptId, u.display_name as student, u.username, a.lesson_slug as lessonSlug,
			        a.question_id as questionId, a.content_version as contentVersion, a.earned, a.total,
			        a.response, a.created_at as createdAt,
			        r.score as reviewScore, r.comment as reviewComment, c.attempt_id is not null as selfChecked
			   from attempts a
			  cross join enrollments e on e.class_id = ? and e.user_id = a.user_id
			  cross join users u on u.id = a.user_id
			   left join answer_reviews r on r.attempt_id = a.id
			   left join self_checks c on c.attempt_id = a.id
			  where a.id > ? and a.id <= ?
			  order by a.id
			  limit ?`
		)
		.all(classId, afterId, afterId + span, limit) as AttemptExportRow[];
	if (rows.length === limit) return { rows, next: rows[rows.length - 1].attemptId };
	const lastId = (client.prepare('select max(id) from attempts').pluck().get() as number | null) ?? 0;
	return { rows, next: afterId + span < lastId ? afterId + span : null };
}

/** PostgreSQL plans the keyset walk well by itself: the next `limit` attempts of the class after `afterId`. */
async function postgresClassAttemptsPage(db: AppDatabase, classId: string, afterId: number, limit: number): Promise<AttemptExportPage> {
	const rows = (
		await queryRows<Record<string, unknown>>(
			db,
			sql`select a.id as "attemptId", u.display_name as student, u.username, a.lesson_slug as "lessonSlug",
			           a.question_id as "questionId", a.content_version as "contentVersion", a.earned, a.total,
			           a.response, ${epochMs(sql`a.created_at`)} as "createdAt",
			           r.score as "reviewScore", r.comment as "reviewComment", (c.attempt_id is not null)::int as "selfChecked"
			      from attempts a
			      join enrollments e on e.class_id = ${classId} and e.user_id = a.user_id
			      join users u on u.id = a.user_id
			      left join answer_reviews r on r.attempt_id = a.id
			      left join self_checks c on c.attempt_id = a.id
			     where a.id > ${afterId}
			     order by a.id
			     limit ${limit}`
		)
	).map((row) => ({ ...row, createdAt: toNumber(row.createdAt) }) as AttemptExportRow);
	return { rows, next: rows.length === limit ? rows[rows.length - 1].attemptId : null };
}

export interface StudentAttempt {
	id: number;
	lessonSlug: string;
	questionId: string;
	contentVersion: string;
	response: string;
	earned: number;
	total: number;
	createdAt: number;
}

export interface StudentAttemptsPage {
	/** Newest first. */
	attempts: StudentAttempt[];
	/** All the student's attempts. */
	total: number;
	/** How many are newer than this page (the page starts at answer newer + 1). */
	newer: number;
}

/** Where a page of a student's attempts starts: the newest, or just older or newer than an attempt id. */
export type StudentPageAt = { before: number } | { after: number } | null;

/**
 * One page of a student's attempts, newest first, by keyset on the attempt id: `before` gives the
 * `limit` attempts older than that id, `after` the `limit` just newer (or the newest page, if
 * fewer are left). Ids never move as the student keeps answering, unlike page numbers.
 */
export async function studentAttemptsPage(db: AppDatabase, userId: string, at: StudentPageAt, limit = 100): Promise<StudentAttemptsPage> {
	if (DIALECT === 'postgres') return await postgresStudentAttemptsPage(db, userId, at, limit);
	const client = sqliteClient(db);
	const columns = `id, lesson_slug as lessonSlug, question_id as questionId, content_version as contentVersion,
	                 response, earned, total, created_at as createdAt`;
	const olderThan = (id: number) =>
		client.prepare(`select ${columns} from attempts where user_id = ? and id < ? order by id desc limit ?`).all(userId, id, limit) as StudentAttempt[];
	const newerThan = (id: number) =>
		(client.prepare(`select ${columns} from attempts where user_id = ? and id > ? order by id limit ?`).all(userId, id, limit) as StudentAttempt[]).reverse();
	const newest = Number.MAX_SAFE_INTEGER;
	let attempts = at && 'after' in at ? newerThan(at.after) : olderThan(at ? at.before : newest);
	// Fewer than a page left above, or nothing at all (a link from before answers were deleted): the newest page.
	if (at && (attempts.length === 0 || ('after' in at && attempts.length < limit))) attempts = olderThan(newest);
	const count = client.prepare('select count(*) from attempts where user_id = ? and id > ?').pluck();
	return {
		attempts,
		total: count.get(userId, 0) as number,
		newer: attempts.length > 0 ? (count.get(userId, attempts[0].id) as number) : 0
	};
}

async function postgresStudentAttemptsPage(db: AppDatabase, userId: string, at: StudentPageAt, limit: number): Promise<StudentAttemptsPage> {
	const columns = sql`id, lesson_slug as "lessonSlug", question_id as "questionId", content_version as "contentVersion",
	                    response, earned, total, ${epochMs(sql`created_at`)} as "createdAt"`;
	const read = async (query: ReturnType<typeof sql>) =>
		(await queryRows<StudentAttempt>(db, query)).map((row) => ({ ...row, createdAt: toNumber(row.createdAt) }));
	const olderThan = (id: number) =>
		read(sql`select ${columns} from attempts where user_id = ${userId} and id < ${id} order by id desc limit ${limit}`);
	const newerThan = async (id: number) =>
		(await read(sql`select ${columns} from attempts where user_id = ${userId} and id > ${id} order by id limit ${limit}`)).reverse();
	const newest = Number.MAX_SAFE_INTEGER;
	let attempts = at && 'after' in at ? await newerThan(at.after) : await olderThan(at ? at.before : newest);
	if (at && (attempts.length === 0 || ('after' in at && attempts.length < limit))) attempts = await olderThan(newest);
	const count = async (afterId: number) =>
		toNumber((await queryRows<{ n: unknown }>(db, sql`select count(*) as n from attempts where user_id = ${userId} and id > ${afterId}`))[0].n);
	return { attempts, total: await count(0), newer: attempts.length > 0 ? await count(attempts[0].id) : 0 };
}

/**
 * Written answers in the item analysis count only once a teacher has scored them: for each
 * reviewed first attempt at one of `questionIds` (current versions) by a student of the class,
 * the score (the review's, as the attempt now carries it) and the student's packed first scores.
 */
export async function reviewedFirstScores(
	db: AppDatabase,
	classId: string,
	questionIds: string[]
): Promise<{ questionId: string; score: number; packed: string }[]> {
	if (questionIds.length === 0) return [];
	if (DIALECT === 'postgres') {
		return queryRows<{ questionId: string; score: number; packed: string }>(
			db,
			sql`select s.question_id as "questionId", s.first_score as score, f.packed as packed
			      from enrollments e
			      join attempt_summaries s on s.user_id = e.user_id
			      join course_questions q on q.question_id = s.question_id and q.version = s.content_version
			      join answer_reviews r on r.attempt_id = s.first_id
			      join first_scores f on f.user_id = e.user_id
			     where e.class_id = ${classId} and s.question_id = any(${sql.param(questionIds)})
			     order by e.user_id collate "C", s.question_id collate "C"`
		);
	}
	return sqliteClient(db)
		.prepare(
			`select s.question_id as questionId, s.first_score as score, f.packed as packed
			   from enrollments e
			   join attempt_summaries s on s.user_id = e.user_id
			   join json_each(?) w on w.value = s.question_id
			   join course_questions q on q.question_id = s.question_id and q.version = s.content_version
			   join answer_reviews r on r.attempt_id = s.first_id
			   join first_scores f on f.user_id = e.user_id
			  where e.class_id = ?
			  order by e.user_id, s.question_id`
		)
		.all(JSON.stringify(questionIds), classId) as { questionId: string; score: number; packed: string }[];
}

/** How many reviewed first attempts at one written question got each rubric score ("review=<score>"). */
export async function firstReviewCounts(db: AppDatabase, classId: string, questionId: string, version: string): Promise<{ choice: string; count: number }[]> {
	if (DIALECT === 'postgres') {
		const rows = await queryRows<{ choice: string; count: unknown }>(
			db,
			sql`select 'review=' || r.score as choice, count(*) as count
			      from enrollments e
			      join attempt_summaries s on s.user_id = e.user_id and s.question_id = ${questionId} and s.content_version = ${version}
			      join answer_reviews r on r.attempt_id = s.first_id
			     where e.class_id = ${classId}
			     group by r.score`
		);
		return rows.map((row) => ({ choice: row.choice, count: toNumber(row.count) }));
	}
	return sqliteClient(db)
		.prepare(
			`select 'review=' || r.score as choice, count(*) as count
			   from enrollments e
			   join attempt_summaries s on s.user_id = e.user_id and s.question_id = ? and s.content_version = ?
			   join answer_reviews r on r.attempt_id = s.first_id
			  where e.class_id = ?
			  group by r.score`
		)
		.all(questionId, version, classId) as { choice: string; count: number }[];
}
