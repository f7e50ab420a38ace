-- Hand-written: first_scores again, now as an ordinary (rowid) table.
-- Why: a packed row is about 1.3 KB. In a WITHOUT ROWID table every row over about 1 KB spills
-- into an overflow page of its own, so 10,000 students took 37 MB and no longer fitted in the
-- page cache; in a rowid table the same rows take 15 MB.
-- Scores are now packed as whole billionths ("0 333333333" rather than "0 0.33333333333333331"):
-- shorter, and read back with integer arithmetic instead of float parsing (see queries.ts).
-- `id` is AUTOINCREMENT so that it is never reused: the triggers delete and re-insert a
-- learner's row whenever their first scores change, so the sum of the class's ids (with the
-- count) tells the dashboard whether its stored item analysis is still current.
DROP TRIGGER `summaries_first_scores_insert`;
--> statement-breakpoint
DROP TRIGGER `summaries_first_scores_delete`;
--> statement-breakpoint
DROP TABLE `first_scores`;
--> statement-breakpoint
CREATE TABLE `first_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL UNIQUE,
	`packed` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `first_scores` (`user_id`, `packed`)
SELECT s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * 1000000000) as integer), ' ')
  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
 GROUP BY s.user_id;
--> statement-breakpoint
CREATE TRIGGER `summaries_first_scores_insert` AFTER INSERT ON `attempt_summaries` BEGIN
	DELETE FROM first_scores WHERE user_id = new.user_id;
	INSERT INTO first_scores (user_id, packed)
	SELECT s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * 1000000000) as integer), ' ')
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = new.user_id
	 GROUP BY s.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_first_scores_delete` AFTER DELETE ON `attempt_summaries` BEGIN
	DELETE FROM first_scores WHERE user_id = old.user_id;
	INSERT INTO first_scores (user_id, packed)
	SELECT s.user_id, group_concat(q.position || ' ' || cast(round(s.first_score * 1000000000) as integer), ' ')
	  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
	 WHERE s.user_id = old.user_id
	 GROUP BY s.user_id;
END;
