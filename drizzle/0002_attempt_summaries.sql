-- Each learner's first and latest attempt per question version, kept up to date by triggers so
-- that class dashboards read one row per student and question instead of every attempt.
-- (Hand-written: drizzle-kit cannot express triggers. Not declared in schema.ts on purpose.)
CREATE TABLE `attempt_summaries` (
	`user_id` text NOT NULL,
	`question_id` text NOT NULL,
	`content_version` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`first_id` integer NOT NULL,
	`first_score` real NOT NULL,
	`latest_id` integer NOT NULL,
	`latest_score` real NOT NULL,
	`latest_at` integer NOT NULL,
	PRIMARY KEY (`user_id`, `question_id`, `content_version`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `attempt_summaries`
SELECT g.user_id, g.question_id, g.content_version, l.lesson_slug,
       f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at
  FROM (SELECT user_id, question_id, content_version, min(id) AS first_id, max(id) AS latest_id
          FROM attempts GROUP BY user_id, question_id, content_version) g
  JOIN attempts f ON f.id = g.first_id
  JOIN attempts l ON l.id = g.latest_id;
--> statement-breakpoint
CREATE TRIGGER `attempts_summary_insert` AFTER INSERT ON `attempts` BEGIN
	INSERT INTO attempt_summaries (user_id, question_id, content_version, lesson_slug, first_id, first_score, latest_id, latest_score, latest_at)
	VALUES (new.user_id, new.question_id, new.content_version, new.lesson_slug, new.id, new.earned / new.total, new.id, new.earned / new.total, new.created_at)
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
	SELECT old.user_id, old.question_id, old.content_version, l.lesson_slug, f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at
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
	SELECT u.user_id, old.question_id, old.content_version, l.lesson_slug, f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at
	  FROM (SELECT user_id, min(id) AS first_id, max(id) AS latest_id FROM attempts
	         WHERE user_id IN (old.user_id, new.user_id) AND question_id = old.question_id AND content_version = old.content_version
	         GROUP BY user_id) u
	  JOIN attempts f ON f.id = u.first_id
	  JOIN attempts l ON l.id = u.latest_id;
END;
