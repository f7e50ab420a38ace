import { DIALECT } from './dialect';
import * as postgresTables from './schema/postgres';
import * as sqliteTables from './schema/sqlite';

/**
 * The tables of the configured database. Queries import them from here and are written once:
 * the two dialects' definitions (schema/sqlite.ts, schema/postgres.ts, each with its own
 * migrations) declare the same tables and columns, read back as the same JavaScript values
 * (schema-agreement.test.ts checks it). They are typed as PostgreSQL's so that the compiler
 * refuses SQLite-only calls (`.get()`, `.run()`, synchronous transactions) in shared code.
 */
const tables = (DIALECT === 'postgres' ? postgresTables : sqliteTables) as unknown as typeof postgresTables;

export const {
	users,
	sessions,
	passwordResets,
	recoveryCodes,
	classes,
	enrollments,
	attempts,
	classTexts,
	classTextVersions,
	practiceVersions,
	selfChecks,
	answerReviews,
	healthChecks,
} = tables;

export type User = typeof postgresTables.users.$inferSelect;
export type Session = typeof postgresTables.sessions.$inferSelect;
export type Class = typeof postgresTables.classes.$inferSelect;
export type Attempt = typeof postgresTables.attempts.$inferSelect;
export type ClassText = typeof postgresTables.classTexts.$inferSelect;
export type ClassTextVersion = typeof postgresTables.classTextVersions.$inferSelect;
export type PracticeVersion = typeof postgresTables.practiceVersions.$inferSelect;
export type SelfCheck = typeof postgresTables.selfChecks.$inferSelect;
export type AnswerReview = typeof postgresTables.answerReviews.$inferSelect;
