ALTER TABLE `attempts` ADD `neutral_seen` integer;--> statement-breakpoint
ALTER TABLE `attempts` ADD `neutral_flagged` integer;--> statement-breakpoint
CREATE INDEX `attempts_discernment_pending_idx` ON `attempts` (`id`) WHERE "attempts"."neutral_seen" is null;--> statement-breakpoint
-- Everything below is hand-written (drizzle-kit cannot express triggers); the tables here are
-- derived data, not declared in schema.ts on purpose. See src/lib/server/dashboard/summaries.ts.
--
-- The course's current question versions, written by the server at start when the content
-- changed. `position` is the question's place in the course, so dashboards can read numbers.
CREATE TABLE `course_questions` (
	`question_id` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`position` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `attempt_summaries` ADD `first_neutral_seen` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE `attempt_summaries` ADD `first_neutral_flagged` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
-- Per learner and lesson, over current question versions only: what the progress matrix and
-- the diagnostics read, one row per student and lesson instead of one per question.
CREATE TABLE `lesson_summaries` (
	`user_id` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`answered` integer NOT NULL,
	`latest_earned` real NOT NULL,
	`first_earned` real NOT NULL,
	`last_at` integer NOT NULL,
	`neutral_seen` integer NOT NULL,
	`neutral_flagged` integer NOT NULL,
	PRIMARY KEY (`user_id`, `lesson_slug`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TRIGGER `attempts_summary_insert`;
--> statement-breakpoint
DROP TRIGGER `attempts_summary_delete`;
--> statement-breakpoint
DROP TRIGGER `attempts_summary_move`;
--> statement-breakpoint
CREATE TRIGGER `attempts_summary_insert` AFTER INSERT ON `attempts` BEGIN
	INSERT INTO attempt_summaries (user_id, question_id, content_version, lesson_slug, first_id, first_score, latest_id, latest_score, latest_at, first_neutral_seen, first_neutral_flagged)
	VALUES (new.user_id, new.question_id, new.content_version, new.lesson_slug, new.id, new.earned / new.total, new.id, new.earned / new.total, new.created_at, coalesce(new.neutral_seen, 0), coalesce(new.neutral_flagged, 0))
	ON CONFLICT (user_id, question_id, content_version) DO UPDATE SET
		lesson_slug = excluded.lesson_slug,
		latest_id = excluded.latest_id,
		latest_score = excluded.latest_score,
		latest_at = excluded.latest_at
	WHERE excluded.latest_id > attempt_summaries.latest_id;
END;
--> statement-breakpoint
CREATE TRIGGER `attempts_summary_delete` AFTER DELETE ON `attempts` BEGIN
	DELETE FROM attempt_summaries
	 WHERE user_id = old.user_id AND question_id = old.question_id AND content_version = old.content_version;
	INSERT INTO attempt_summaries
	SELECT old.user_id, old.question_id, old.content_version, l.lesson_slug, f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at,
	       coalesce(f.neutral_seen, 0), coalesce(f.neutral_flagged, 0)
	  FROM (SELECT min(id) AS first_id, max(id) AS latest_id FROM attempts
	         WHERE user_id = old.user_id AND question_id = old.question_id AND content_version = old.content_version) g
	  JOIN attempts f ON f.id = g.first_id
	  JOIN attempts l ON l.id = g.latest_id;
END;
--> statement-breakpoint
CREATE TRIGGER `attempts_summary_move` AFTER UPDATE OF `user_id` ON `attempts` BEGIN
	DELETE FROM attempt_summaries
	 WHERE question_id = old.question_id AND content_version = old.content_version AND user_id IN (old.user_id, new.user_id);
	INSERT INTO attempt_summaries
	SELECT u.user_id, old.question_id, old.content_version, l.lesson_slug, f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at,
	       coalesce(f.neutral_seen, 0), coalesce(f.neutral_flagged, 0)
	  FROM (SELECT user_id, min(id) AS first_id, max(id) AS latest_id FROM attempts
	         WHERE user_id IN (old.user_id, new.user_id) AND question_id = old.question_id AND content_version = old.content_version
	         GROUP BY user_id) u
	  JOIN attempts f ON f.id = u.first_id
	  JOIN attempts l ON l.id = u.latest_id;
END;
--> statement-breakpoint
-- Discernment filled in later for old rows (the server does it at start): copy it to the first-attempt summary.
CREATE TRIGGER `attempts_discernment_filled` AFTER UPDATE OF `neutral_seen`, `neutral_flagged` ON `attempts` BEGIN
	UPDATE attempt_summaries
	   SET first_neutral_seen = coalesce(new.neutral_seen, 0), first_neutral_flagged = coalesce(new.neutral_flagged, 0)
	 WHERE first_id = new.id AND user_id = new.user_id AND question_id = new.question_id AND content_version = new.content_version;
END;
--> statement-breakpoint
-- Any change to a learner's question summary recomputes their row for that lesson (at most a
-- lesson's worth of questions: cheap, and simpler to trust than adding and subtracting).
CREATE TRIGGER `summaries_lesson_insert` AFTER INSERT ON `attempt_summaries` BEGIN
	DELETE FROM lesson_summaries WHERE user_id = new.user_id AND lesson_slug = new.lesson_slug;
	INSERT INTO lesson_summaries
	SELECT s.user_id, s.lesson_slug, count(*), sum(s.latest_score), sum(s.first_score), max(s.latest_at), sum(s.first_neutral_seen), sum(s.first_neutral_flagged)
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = new.user_id AND s.lesson_slug = new.lesson_slug
	 GROUP BY s.user_id, s.lesson_slug;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_lesson_update` AFTER UPDATE ON `attempt_summaries` BEGIN
	DELETE FROM lesson_summaries WHERE user_id IN (old.user_id, new.user_id) AND lesson_slug IN (old.lesson_slug, new.lesson_slug);
	INSERT INTO lesson_summaries
	SELECT s.user_id, s.lesson_slug, count(*), sum(s.latest_score), sum(s.first_score), max(s.latest_at), sum(s.first_neutral_seen), sum(s.first_neutral_flagged)
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id IN (old.user_id, new.user_id) AND s.lesson_slug IN (old.lesson_slug, new.lesson_slug)
	 GROUP BY s.user_id, s.lesson_slug;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_lesson_delete` AFTER DELETE ON `attempt_summaries` BEGIN
	DELETE FROM lesson_summaries WHERE user_id = old.user_id AND lesson_slug = old.lesson_slug;
	INSERT INTO lesson_summaries
	SELECT s.user_id, s.lesson_slug, count(*), sum(s.latest_score), sum(s.first_score), max(s.latest_at), sum(s.first_neutral_seen), sum(s.first_neutral_flagged)
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = old.user_id AND s.lesson_slug = old.lesson_slug
	 GROUP BY s.user_id, s.lesson_slug;
END;
