import { and, eq, sql, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { DIALECT } from '../db/dialect';
import { sqliteClient, type AppDatabase, type Queryable } from '../db/open';
import { attempts, type Attempt } from '../db/schema';
import { inList, listParameter, preparedPerDatabase, rowsChanged } from '../db/results';

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
 * SQLite's insert, prepared once per database connection: with the summary triggers on `attempts`,
 * compiling it again for every answer costs about as much as running it. It runs with `.run()`,
 * which steps the statement to its end: in autocommit mode SQLite commits there, and a failed
 * commit (disk full, read-only, I/O error) throws. (`.get()` on `… returning id` stops after the
 * first row and better-sqlite3 then ignores the failure of the reset that commits.)
 */
const insertStatements = new WeakMap<Database.Database, Statement>();

function insertStatement(client: Database.Database): Statement {
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
export async function recordAttempt(db: AppDatabase, attempt: NewAttempt): Promise<number> {
	if (DIALECT === 'sqlite') return insertAttempt(sqliteClient(db), attempt);
	const [row] = await db
		.insert(attempts)
		.values({ ...attempt, response: JSON.stringify(attempt.response) })
		.returning({ id: attempts.id });
	return row.id;
}

function insertAttempt(client: Database.Database, attempt: NewAttempt): number {
	const result = insertStatement(client).run(
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

interface PendingAttempt {
	attempt: NewAttempt;
	stored: (id: number) => void;
	failed: (error: unknown) => void;
}

/** Answers waiting for the next group commit, per database connection. */
const pendingAttempts = new WeakMap<Database.Database, PendingAttempt[]>();

/**
 * Appends one attempt like recordAttempt, in a commit shared with the other answers that
 * arrived in the same turn of the event loop (group commit). With `synchronous = FULL` every
 * commit waits for the disk, which is most of an answer's time, and more so on a busy disk;
 * answers that arrive together then wait for it once. Resolves with the id once the commit
 * succeeded, so an acknowledged answer is still a stored one. If the shared commit fails, each
 * answer is tried again alone, so one bad row (or a passing disk error) fails only its own
 * answer, and each failure rejects with that answer's own database error.
 * (PostgreSQL commits answers from many connections at once by itself: there it is recordAttempt.)
 */
export async function recordAttemptSoon(db: AppDatabase, attempt: NewAttempt): Promise<number> {
	if (DIALECT === 'postgres') return await recordAttempt(db, attempt);
	const client = sqliteClient(db);
	return new Promise((stored, failed) => {
		let pending = pendingAttempts.get(client);
		if (!pending) {
			pending = [];
			pendingAttempts.set(client, pending);
			setImmediate(() => commitPending(client));
		}
		pending.push({ attempt, stored, failed });
	});
}

function commitPending(client: Database.Database): void {
	const batch = pendingAttempts.get(client) ?? [];
	pendingAttempts.delete(client);
	if (batch.length > 1) {
		try {
			const ids = client.transaction(() => batch.map(({ attempt }) => insertAttempt(client, attempt)))();
			batch.forEach(({ stored }, i) => stored(ids[i]));
			return;
		} catch {
			// Rolled back: nothing of the batch is stored. Each answer alone, below.
		}
	}
	for (const { attempt, stored, failed } of batch) {
		try {
			stored(insertAttempt(client, attempt));
		} catch (error) {
			failed(error);
		}
	}
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
export async function currentAttempts(db: Queryable, userId: string, versions: QuestionVersions, questionIds?: string[]): Promise<CurrentAttempts> {
	const reads = attemptReads(db);
	const perVersion = (
		questionIds ? await reads.perVersionOf.execute({ userId, questionIds: listParameter(questionIds) }) : await reads.perVersion.execute({ userId })
	).filter((row) => versions.get(row.questionId) === row.contentVersion);
	const ids = perVersion.flatMap((row) => [row.firstId, row.latestId]);
	const rows = new Map(ids.length === 0 ? [] : (await reads.byIds.execute({ ids: listParameter(ids) })).map((row) => [row.id, row]));
	return {
		first: new Map(perVersion.map((row) => [row.questionId, rows.get(row.firstId)!])),
		latest: new Map(perVersion.map((row) => [row.questionId, rows.get(row.latestId)!]))
	};
}

/**
 * currentAttempts's reads, prepared once per database (every lesson page and /progress makes
 * them: building and compiling them again each time cost more than running them). A list of ids
 * is one parameter (see inList), so that one statement serves any number of them.
 */
function prepareAttemptReads(db: Queryable) {
	const perVersion = (name: string, where: SQL | undefined) =>
		db
			.select({
				questionId: attempts.questionId,
				contentVersion: attempts.contentVersion,
				firstId: sql<number>`min(${attempts.id})`,
				latestId: sql<number>`max(${attempts.id})`
			})
			.from(attempts)
			.where(where)
			.groupBy(attempts.questionId, attempts.contentVersion)
			.prepare(name);
	return {
		perVersion: perVersion('attempts_per_version', eq(attempts.userId, sql.placeholder('userId'))),
		perVersionOf: perVersion('attempts_per_version_of', and(eq(attempts.userId, sql.placeholder('userId')), inList(attempts.questionId, 'questionIds'))),
		byIds: db.select().from(attempts).where(inList(attempts.id, 'ids')).prepare('attempts_by_ids')
	};
}

const attemptReads = preparedPerDatabase(prepareAttemptReads);

/** Deletes every attempt of a learner (a guest starting over). Returns how many went. */
export async function deleteAttempts(db: Queryable, userId: string): Promise<number> {
	return rowsChanged(await db.delete(attempts).where(eq(attempts.userId, userId)));
}
