CREATE TABLE `answer_reviews` (
	`attempt_id` integer PRIMARY KEY NOT NULL,
	`reviewer_id` text,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`reviewed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `answer_reviews_reviewer_idx` ON `answer_reviews` (`reviewer_id`);--> statement-breakpoint
CREATE TABLE `self_checks` (
	`attempt_id` integer PRIMARY KEY NOT NULL,
	`ticked` text NOT NULL,
	`checked_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Everything below is hand-written (drizzle-kit cannot express triggers).
-- A written answer's score changes after it was stored: the server rewrites the attempt's
-- earned/total when a self-check or a review arrives (one score rule, in respond/score.ts).
-- Carry that into the derived rows: the question summary (whose update trigger recomputes the
-- lesson's row from lesson_summary_rows) and, for a first attempt, the packed first scores.
CREATE TRIGGER `attempts_score_changed` AFTER UPDATE OF `earned`, `total` ON `attempts` BEGIN
	UPDATE attempt_summaries SET first_score = new.earned / new.total
	 WHERE first_id = new.id AND user_id = new.user_id AND question_id = new.question_id AND content_version = new.content_version;
	UPDATE attempt_summaries SET latest_score = new.earned / new.total
	 WHERE latest_id = new.id AND user_id = new.user_id AND question_id = new.question_id AND content_version = new.content_version;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_first_scores_update` AFTER UPDATE OF `first_score` ON `attempt_summaries` BEGIN
	DELETE FROM first_scores WHERE user_id = new.user_id;
	INSERT INTO first_scores (user_id, packed)
	SELECT s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * 1000000000) as integer), ' ')
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = new.user_id
	 GROUP BY s.user_id;
END;
