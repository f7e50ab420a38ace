// Keeps the derived tables behind the dashboard in step with the course (see drizzle/0003 and
// 0004): course_questions holds the current version of every question, and lesson_summaries and
// first_scores (kept by triggers) count only attempts on those versions. When the content
// changes, the server rewrites course_questions and rebuilds the other two once, here.
import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
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
function fillMissingDiscernment(db: AppDatabase, course: Course): number {
	const client = db.$client;
	const pending = client
		.prepare('select id, question_id as questionId, content_version as version, response from attempts where framed_seen is null')
		.all() as { id: number; questionId: string; version: string; response: string }[];
	const update = client.prepare('update attempts set neutral_seen = ?, neutral_flagged = ?, framed_seen = ?, framed_missed = ? where id = ?');
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
		update.run(figures.neutralSeen, figures.neutralFlagged, figures.framedSeen, figures.framedMissed, row.id);
	}
	return pending.length;
}

/**
 * Makes course_questions match the course and lesson_summaries match course_questions.
 * Cheap when nothing changed (one small read), so callers may run it before every report.
 */
export function syncDashboardSummaries(db: AppDatabase, course: Course): void {
	const client = db.$client;
	const wanted = currentQuestions(course);
	const stored = client
		.prepare('select question_id as questionId, version, position from course_questions order by position')
		.all() as typeof wanted;
	const unchanged =
		stored.length === wanted.length &&
		stored.every((row, i) => row.questionId === wanted[i].questionId && row.version === wanted[i].version && row.position === i);
	const pendingDiscernment = client.prepare('select 1 from attempts where framed_seen is null limit 1').get() !== undefined;
	if (unchanged && !pendingDiscernment) return;

	client.transaction(() => {
		if (pendingDiscernment) fillMissingDiscernment(db, course);
		if (unchanged) return; // the filled-in figures reached lesson_summaries through the triggers
		client.exec('delete from course_questions');
		const insert = client.prepare('insert into course_questions (question_id, version, position) values (?, ?, ?)');
		for (const q of wanted) insert.run(q.questionId, q.version, q.position);
		client.exec('delete from first_scores');
		client.exec(
			`insert into first_scores (user_id, packed)
			 select s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * ${SCORE_SCALE}) as integer), ' ')
			   from attempt_summaries s
			   join course_questions q on q.question_id = s.question_id and q.version = s.content_version
			  group by s.user_id`
		);
		client.exec('delete from lesson_summaries');
		// The same view the triggers use (drizzle/0008), so the rebuild and the triggers agree.
		client.exec(
			`insert into lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at,
			                               neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 select * from lesson_summary_rows`
		);
	})();
}
