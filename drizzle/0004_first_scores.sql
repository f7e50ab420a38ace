-- Hand-written: derived data kept by triggers, not declared in schema.ts on purpose.
-- Each learner's first-attempt scores on current question versions, packed as
-- "position score position score …" (positions from course_questions): the item analysis reads
-- one short row per student instead of one row per student and question.
CREATE TABLE `first_scores` (
	`user_id` text PRIMARY KEY NOT NULL,
	`packed` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `first_scores`
SELECT s.user_id, group_concat(q.position || ' ' || s.first_score, ' ')
  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
 GROUP BY s.user_id;
--> statement-breakpoint
-- A summary row appears or goes only when a first attempt does (the upsert on later attempts
-- updates it), so these two triggers are all it takes.
CREATE TRIGGER `summaries_first_scores_insert` AFTER INSERT ON `attempt_summaries` BEGIN
	DELETE FROM first_scores WHERE user_id = new.user_id;
	INSERT INTO first_scores
	SELECT s.user_id, group_concat(q.position || ' ' || s.first_score, ' ')
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = new.user_id
	 GROUP BY s.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_first_scores_delete` AFTER DELETE ON `attempt_summaries` BEGIN
	DELETE FROM first_scores WHERE user_id = old.user_id;
	INSERT INTO first_scores
	SELECT s.user_id, group_concat(q.position || ' ' || s.first_score, ' ')
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = old.user_id
	 GROUP BY s.user_id;
END;
