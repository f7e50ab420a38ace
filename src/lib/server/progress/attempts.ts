import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { AppDatabase, Queryable } from '../db/open';
import { attempts, type Attempt } from '../db/schema';

export interface NewAttempt {
	userId: string;
	lessonSlug: string;
	questionId: string;
	contentVersion: string;
	response: unknown;
	earned: number;
	total: number;
	/** Discernment figures (see answerDiscernment); left out, the server works them out later. */
	neutralSeen?: number;
	neutralFlagged?: number;
	framedSeen?: number;
	framedMissed?: number;
}

/**
 * The insert, prepared once per database connection: with the summary triggers on `attempts`,
 * compiling it again for every answer costs about as much as running it. It runs with `.run()`,
 * which steps the statement to its end: in autocommit mode SQLite commits there, and a failed
 * commit (disk full, read-only, I/O error) throws. (`.get()` on `… returning id` stops after the
 * first row and better-sqlite3 then ignores the failure of the reset that commits.)
 */
const insertStatements = new WeakMap<AppDatabase['$client'], Statement>();

function insertStatement(client: AppDatabase['$client']): Statement {
	let statement = insertStatements.get(client);
	if (!statement) {
		statement = client.prepare(
			`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total,
			                       neutral_seen, neutral_flagged, framed_seen, framed_missed)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		insertStatements.set(client, statement);
	}
	return statement;
}

/**
 * Appends one attempt. Attempts are never updated: the history is the record. (The one exception
 * is a written answer's earned/total, which follow its self-check and review: quiz/written.ts.)
 */
export function recordAttempt(db: AppDatabase, attempt: NewAttempt): number {
	const result = insertStatement(db.$client).run(
		attempt.userId,
		attempt.lessonSlug,
		attempt.questionId,
		attempt.contentVersion,
		JSON.stringify(attempt.response),
		attempt.earned,
		attempt.total,
		attempt.neutralSeen ?? null,
		attempt.neutralFlagged ?? null,
		attempt.framedSeen ?? null,
		attempt.framedMissed ?? null
	);
	return Number(result.lastInsertRowid);
}

/** Each question's current content version (question id → version). */
export type QuestionVersions = Map<string, string>;

export interface CurrentAttempts {
	/** The first attempt at each question, on its current version. */
	first: Map<string, Attempt>;
	/** The latest attempt at each question, on its current version. */
	latest: Map<string, Attempt>;
}

/**
 * The one definition of a learner's first and latest attempt: on the current version of each
 * question. An attempt on an older version does not count: the question has changed, so it is
 * open again, and the learner's first answer to the new version is their first attempt. The
 * dashboard's summaries (attempt_summaries joined with course_questions) follow the same rule.
 * `questionIds` narrows it to some questions (one lesson's).
 */
export function currentAttempts(db: Queryable, userId: string, versions: QuestionVersions, questionIds?: string[]): CurrentAttempts {
	const perVersion = db
		.select({
			questionId: attempts.questionId,
			contentVersion: attempts.contentVersion,
			firstId: sql<number>`min(${attempts.id})`,
			latestId: sql<number>`max(${attempts.id})`
		})
		.from(attempts)
		.where(questionIds ? and(eq(attempts.userId, userId), inArray(attempts.questionId, questionIds)) : eq(attempts.userId, userId))
		.groupBy(attempts.questionId, attempts.contentVersion)
		.all()
		.filter((row) => versions.get(row.questionId) === row.contentVersion);
	const ids = perVersion.flatMap((row) => [row.firstId, row.latestId]);
	const rows = new Map(
		ids.length === 0 ? [] : db.select().from(attempts).where(inArray(attempts.id, ids)).all().map((row) => [row.id, row])
	);
	return {
		first: new Map(perVersion.map((row) => [row.questionId, rows.get(row.firstId)!])),
		latest: new Map(perVersion.map((row) => [row.questionId, rows.get(row.latestId)!]))
	};
}

/** Deletes every attempt of a learner (a guest starting over). Returns how many went. */
export function deleteAttempts(db: Queryable, userId: string): number {
	return db.delete(attempts).where(eq(attempts.userId, userId)).run().changes;
}
