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
			`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, neutral_seen, neutral_flagged)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		insertStatements.set(client, statement);
	}
	return statement;
}

/** Appends one attempt. Attempts are never updated: the history is the record. */
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
		attempt.neutralFlagged ?? null
	);
	return Number(result.lastInsertRowid);
}

/** The learner's most recent attempt at each question (optionally only the given ones). */
export function latestAttempts(db: Queryable, userId: string, questionIds?: string[]): Map<string, Attempt> {
	const latestIds = db
		.select({ id: sql<number>`max(${attempts.id})` })
		.from(attempts)
		.where(
			questionIds
				? and(eq(attempts.userId, userId), inArray(attempts.questionId, questionIds))
				: eq(attempts.userId, userId)
		)
		.groupBy(attempts.questionId);
	const rows = db.select().from(attempts).where(inArray(attempts.id, latestIds)).all();
	return new Map(rows.map((row) => [row.questionId, row]));
}

/** Deletes every attempt of a learner (a guest starting over). Returns how many went. */
export function deleteAttempts(db: Queryable, userId: string): number {
	return db.delete(attempts).where(eq(attempts.userId, userId)).run().changes;
}

/** The learner's first attempt at each of the given questions (the diagnostic's baseline). */
export function firstAttempts(db: Queryable, userId: string, questionIds: string[]): Map<string, Attempt> {
	const firstIds = db
		.select({ id: sql<number>`min(${attempts.id})` })
		.from(attempts)
		.where(and(eq(attempts.userId, userId), inArray(attempts.questionId, questionIds)))
		.groupBy(attempts.questionId);
	const rows = db.select().from(attempts).where(inArray(attempts.id, firstIds)).all();
	return new Map(rows.map((row) => [row.questionId, row]));
}
