// Keeps the derived tables behind the dashboard in step with the course (see drizzle/0003 and
// 0004): course_questions holds the current version of every question, and lesson_summaries and
// first_scores (kept by triggers) count only attempts on those versions. When the content
// changes, the server rewrites course_questions and rebuilds the other two once, here.
import type { Course } from '../content/course';
import { eq, isNull, sql } from 'drizzle-orm';
import { DIALECT } from '../db/dialect';
import { sqliteClient, type AppDatabase, type Queryable } from '../db/open';
import { executeSql, first, queryRows } from '../db/results';
import { attempts } from '../db/schema';
import { transaction } from '../db/transaction';
import { answerDiscernment } from '../quiz/answer';
import { SCORE_SCALE } from './queries';

/** The course's questions in course order, as course_questions stores them. */
function currentQuestions(course: Course): { questionId: string; version: string; position: number }[] {
	return course.lessons
		.flatMap((l) => l.questionIds)
		.map((questionId, position) => ({ questionId, version: course.questions.get(questionId)!.version, position }));
}

/**
 * Attempts stored before discernment was recorded (or written by hand) get their figures now,
 * from the question as it is today; attempts on older versions, which no dashboard counts, get 0/0.
 */
async function fillMissingDiscernment(db: Queryable, course: Course): Promise<number> {
	// SQLite: one prepared update run per row, inside the caller's transaction (the fastest way there).
	const update =
		DIALECT === 'sqlite'
			? sqliteClient(db).prepare('update attempts set neutral_seen = ?, neutral_flagged = ?, framed_seen = ?, framed_missed = ? where id = ?')
			: null;
	const pending = await db
		.select({ id: attempts.id, questionId: attempts.questionId, version: attempts.contentVersion, response: attempts.response })
		.from(attempts)
		.where(isNull(attempts.framedSeen));
	for (const row of pending) {
		const question = course.questions.get(row.questionId);
		let figures = { neutralSeen: 0, neutralFlagged: 0, framedSeen: 0, framedMissed: 0 };
		if (question && question.version === row.version) {
			try {
				figures = answerDiscernment(question, JSON.parse(row.response));
			} catch {
				// A malformed old response counts as nothing met.
			}
		}
		if (update) update.run(figures.neutralSeen, figures.neutralFlagged, figures.framedSeen, figures.framedMissed, row.id);
		else await db.update(attempts).set(figures).where(eq(attempts.id, row.id));
	}
	return pending.length;
}

/**
 * first_scores from attempt_summaries, in the packed form "position score position score …". On
 * PostgreSQL the triggers' own function gives the rows (drizzle/postgres/0001), so both agree.
 */
const REPACK_FIRST_SCORES =
	DIALECT === 'postgres'
		? sql`insert into first_scores (user_id, packed) select user_id, packed from first_score_rows()`
		: sql.raw(`insert into first_scores (user_id, packed)
			 select s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * ${SCORE_SCALE}) as integer), ' ')
			   from attempt_summaries s
			   join course_questions q on q.question_id = s.question_id and q.version = s.content_version
			  group by s.user_id`);

async function courseQuestionsMatch(db: Queryable, wanted: ReturnType<typeof currentQuestions>): Promise<boolean> {
	const stored = await queryRows<{ questionId: string; version: string; position: number }>(
		db,
		sql`select question_id as "questionId", version, position from course_questions order by position`
	);
	return (
		stored.length === wanted.length &&
		stored.every((row, i) => row.questionId === wanted[i].questionId && row.version === wanted[i].version && row.position === i)
	);
}

async function discernmentPending(db: Queryable): Promise<boolean> {
	return (await first(db.select({ id: attempts.id }).from(attempts).where(isNull(attempts.framedSeen)).limit(1))) !== undefined;
}

/** Nothing left to do: course_questions is the course's and no attempt waits for its figures. */
async function summariesMatch(db: Queryable, wanted: ReturnType<typeof currentQuestions>): Promise<boolean> {
	return (await courseQuestionsMatch(db, wanted)) && !(await discernmentPending(db));
}

/**
 * Makes course_questions match the course and lesson_summaries match course_questions.
 * Cheap when nothing changed (one small read), so callers may run it before every report.
 */
export async function syncDashboardSummaries(db: AppDatabase, course: Course): Promise<void> {
	const wanted = currentQuestions(course);
	const unchanged = await courseQuestionsMatch(db, wanted);
	const pendingDiscernment = await discernmentPending(db);
	if (unchanged && !pendingDiscernment) return;

	await transaction(db, async (tx) => {
		if (DIALECT === 'postgres') {
			// Several app processes may start at once: the first rebuilds, the others wait here (the
			// lock also waits for answers being written) and then find the work done.
			await executeSql(tx, sql`lock table attempt_summaries in share row exclusive mode`);
			if (await summariesMatch(tx, wanted)) return;
		}
		if (pendingDiscernment) await fillMissingDiscernment(tx, course);
		if (unchanged) return; // the filled-in figures reached lesson_summaries through the triggers
		await executeSql(tx, sql`delete from course_questions`);
		for (const q of wanted) {
			await executeSql(tx, sql`insert into course_questions (question_id, version, position) values (${q.questionId}, ${q.version}, ${q.position})`);
		}
		await executeSql(tx, sql`delete from first_scores`);
		await executeSql(tx, REPACK_FIRST_SCORES);
		await executeSql(tx, sql`delete from lesson_summaries`);
		// The same view the triggers use (drizzle/0008), so the rebuild and the triggers agree.
		await executeSql(
			tx,
			sql`insert into lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at,
			                               neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 select * from lesson_summary_rows`
		);
	});
}
