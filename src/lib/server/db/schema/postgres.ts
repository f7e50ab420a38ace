import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Points in time, with their time zone (read back as Date, like SQLite's milliseconds). */
const timestampAt = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const timestampNow = (name: string) => timestampAt(name).notNull().defaultNow();

/**
 * Everyone who has answered a question: guests (no personal data, created on their first
 * answer), students and instructors. Signing up from a guest session upgrades the row in place.
 */
export const users = pgTable('users', {
	id: text('id').primaryKey(),
	role: text('role', { enum: ['guest', 'student', 'instructor'] }).notNull(),
	/** Lower-cased for case-insensitive uniqueness; null for guests. */
	username: text('username').unique(),
	displayName: text('display_name'),
	passwordHash: text('password_hash'),
	/** Base32 TOTP secret once an instructor has turned two-factor sign-in on. */
	totpSecret: text('totp_secret'),
	/** The TOTP time step (30-second period) of the last code accepted, so no code works twice. */
	totpLastPeriod: integer('totp_last_period'),
	createdAt: timestampNow('created_at')
});

/** Sessions as in the Lucia guide: the id is the SHA-256 (hex) of the token in the cookie. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestampAt('expires_at').notNull(),
		/** False until the second factor is given, for accounts that have one. */
		twoFactorVerified: boolean('two_factor_verified').notNull().default(false)
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

/** One-time password reset codes an instructor issues to a student (only the hash is kept). */
export const passwordResets = pgTable(
	'password_resets',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		issuedBy: text('issued_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestampAt('expires_at').notNull(),
		usedAt: timestampAt('used_at')
	},
	(table) => [index('password_resets_user_id_idx').on(table.userId)]
);

/** Single-use recovery codes for two-factor sign-in (hashed). */
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: timestampAt('used_at')
	},
	(table) => [index('recovery_codes_user_id_idx').on(table.userId)]
);

export const classes = pgTable(
	'classes',
	{
		id: text('id').primaryKey(),
		instructorId: text('instructor_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		description: text('description'),
		/** Null when the instructor has turned joining off. */
		joinCode: text('join_code').unique(),
		archivedAt: timestampAt('archived_at'),
		createdAt: timestampNow('created_at')
	},
	(table) => [index('classes_instructor_id_idx').on(table.instructorId)]
);

export const enrollments = pgTable(
	'enrollments',
	{
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		joinedAt: timestampNow('joined_at')
	},
	(table) => [
		primaryKey({ columns: [table.classId, table.userId] }),
		index('enrollments_user_id_idx').on(table.userId)
	]
);

/**
 * One row per answer, never updated: progress uses the latest attempt per question, statistics
 * the first. contentVersion is the hash of the question definition that was answered. (A written
 * answer's earned/total alone change, as its self-check and review arrive: see quiz/written.ts.)
 */
export const attempts = pgTable(
	'attempts',
	{
		// 64-bit like SQLite's integer ids: a national deployment may store more than 2^31 answers.
		// Read back as a number (open-postgres.ts parses int8 as a safe integer).
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		questionId: text('question_id').notNull(),
		contentVersion: text('content_version').notNull(),
		/** The parsed response as JSON. */
		response: text('response').notNull(),
		earned: doublePrecision('earned').notNull(),
		total: doublePrecision('total').notNull(),
		/**
		 * Discernment, worked out when the answer is graded: neutral claims or words the question
		 * showed, and how many of them this response wrongly flagged. Null on rows written before
		 * these columns existed, until the server fills them in (see dashboard/summaries.ts).
		 */
		neutralSeen: integer('neutral_seen'),
		neutralFlagged: integer('neutral_flagged'),
		/**
		 * The other side of discernment: framed sentences and loaded words the question showed, and
		 * how many of them this response took as plain (missed). Null until filled in, as above.
		 */
		framedSeen: integer('framed_seen'),
		framedMissed: integer('framed_missed'),
		createdAt: timestampNow('created_at')
	},
	(table) => [
		index('attempts_user_question_idx').on(table.userId, table.questionId, table.id),
		index('attempts_question_idx').on(table.questionId, table.contentVersion),
		// Finds the few rows still waiting for their discernment figures without a full scan.
		index('attempts_discernment_pending_idx').on(table.id).where(sql`${table.framedSeen} is null`)
	]
);

/**
 * A text an instructor brought to a class (see src/lib/server/class-texts/). `slug` is its
 * source id in exported files and in the quotes of its questions.
 */
export const classTexts = pgTable(
	'class_texts',
	{
		id: text('id').primaryKey(),
		classId: text('class_id')
			.notNull()
			.references(() => classes.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		createdAt: timestampNow('created_at')
	},
	(table) => [uniqueIndex('class_texts_class_slug_idx').on(table.classId, table.slug)]
);

/**
 * The versions of a class text, never changed once a practice version was published on them:
 * the verbatim text, its provenance (as the course's .yaml, JSON here) and its annotations (as
 * the course's .annotations.yaml entries, JSON here; sentences not yet annotated are absent).
 */
export const classTextVersions = pgTable(
	'class_text_versions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		textId: text('text_id')
			.notNull()
			.references(() => classTexts.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		provenance: text('provenance').notNull(),
		body: text('body').notNull(),
		annotations: text('annotations').notNull().default('[]'),
		createdAt: timestampNow('created_at')
	},
	(table) => [uniqueIndex('class_text_versions_text_number_idx').on(table.textId, table.number)]
);

/**
 * A class text's practice set, version by version: question definitions as in a lesson's
 * questions.yaml (JSON here). A draft (published_at null) is edited in place; a published
 * version never changes, and editing it makes a new draft. Students see the newest published one.
 */
export const practiceVersions = pgTable(
	'practice_versions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		textId: text('text_id')
			.notNull()
			.references(() => classTexts.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		textVersionId: integer('text_version_id')
			.notNull()
			.references(() => classTextVersions.id, { onDelete: 'cascade' }),
		questions: text('questions').notNull(),
		publishedAt: timestampAt('published_at'),
		createdAt: timestampNow('created_at')
	},
	(table) => [uniqueIndex('practice_versions_text_number_idx').on(table.textId, table.number)]
);

/**
 * A learner's self-check of a written (respond) answer: the statement ids they ticked, as a JSON
 * array. One row per attempt, replaced when they tick again. With a review (below) it sets the
 * attempt's earned/total through the one score rule (quiz/types/respond/score.ts).
 */
export const selfChecks = pgTable('self_checks', {
	attemptId: bigint('attempt_id', { mode: 'number' })
		.primaryKey()
		.references(() => attempts.id, { onDelete: 'cascade' }),
	ticked: text('ticked').notNull(),
	checkedAt: timestampNow('checked_at')
});

/**
 * An instructor's review of a written answer: a rubric score and a comment (plain text). One row
 * per attempt; a second review of the same attempt replaces the first.
 */
export const answerReviews = pgTable(
	'answer_reviews',
	{
		attemptId: bigint('attempt_id', { mode: 'number' })
			.primaryKey()
			.references(() => attempts.id, { onDelete: 'cascade' }),
		reviewerId: text('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
		score: integer('score').notNull(),
		comment: text('comment').notNull().default(''),
		reviewedAt: timestampNow('reviewed_at')
	},
	(table) => [index('answer_reviews_reviewer_idx').on(table.reviewerId)]
);

/**
 * One row that /healthz rewrites on every check: a real write and commit, so the check fails
 * while the database cannot write (disk full, read-only, I/O errors).
 */
export const healthChecks = pgTable('health_checks', {
	id: integer('id').primaryKey(),
	checkedAt: timestampAt('checked_at').notNull()
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Class = typeof classes.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type ClassText = typeof classTexts.$inferSelect;
export type ClassTextVersion = typeof classTextVersions.$inferSelect;
export type PracticeVersion = typeof practiceVersions.$inferSelect;
export type SelfCheck = typeof selfChecks.$inferSelect;
export type AnswerReview = typeof answerReviews.$inferSelect;
