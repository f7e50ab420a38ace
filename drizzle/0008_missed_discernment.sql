DROP INDEX `attempts_discernment_pending_idx`;--> statement-breakpoint
ALTER TABLE `attempts` ADD `framed_seen` integer;--> statement-breakpoint
ALTER TABLE `attempts` ADD `framed_missed` integer;--> statement-breakpoint
CREATE INDEX `attempts_discernment_pending_idx` ON `attempts` (`id`) WHERE "attempts"."framed_seen" is null;--> statement-breakpoint
-- Everything below is hand-written (drizzle-kit cannot express triggers or views).
-- Discernment gets its second side, "missed": framed sentences and loaded words taken as plain,
-- beside "over-flagged" (neutral ones called framing or loaded). The server fills both for old
-- rows at start (framed_seen is null on every row until then; see dashboard/summaries.ts).
ALTER TABLE `attempt_summaries` ADD `first_framed_seen` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE `attempt_summaries` ADD `first_framed_missed` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE `lesson_summaries` ADD `framed_seen` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE `lesson_summaries` ADD `framed_missed` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
-- One definition of a learner's row per lesson, over current question versions only: the three
-- triggers below and the rebuild in summaries.ts all select from this view.
CREATE VIEW `lesson_summary_rows` AS
SELECT s.user_id, s.lesson_slug, count(*) AS answered, sum(s.latest_score) AS latest_earned, sum(s.first_score) AS first_earned,
       max(s.latest_at) AS last_at, sum(s.first_neutral_seen) AS neutral_seen, sum(s.first_neutral_flagged) AS neutral_flagged,
       sum(s.first_framed_seen) AS framed_seen, sum(s.first_framed_missed) AS framed_missed
  FROM attempt_summaries s JOIN course_questions q ON q.question_id = s.question_id AND q.version = s.content_version
 GROUP BY s.user_id, s.lesson_slug;
--> statement-breakpoint
DROP TRIGGER `attempts_summary_insert`;
--> statement-breakpoint
DROP TRIGGER `attempts_summary_delete`;
--> statement-breakpoint
DROP TRIGGER `attempts_summary_move`;
--> statement-breakpoint
DROP TRIGGER `attempts_discernment_filled`;
--> statement-breakpoint
DROP TRIGGER `summaries_lesson_insert`;
--> statement-breakpoint
DROP TRIGGER `summaries_lesson_update`;
--> statement-breakpoint
DROP TRIGGER `summaries_lesson_delete`;
--> statement-breakpoint
CREATE TRIGGER `attempts_summary_insert` AFTER INSERT ON `attempts` BEGIN
	INSERT INTO attempt_summaries (user_id, question_id, content_version, lesson_slug, first_id, first_score, latest_id, latest_score, latest_at,
	                               first_neutral_seen, first_neutral_flagged, first_framed_seen, first_framed_missed)
	VALUES (new.user_id, new.question_id, new.content_version, new.lesson_slug, new.id, new.earned / new.total, new.id, new.earned / new.total, new.created_at,
	        coalesce(new.neutral_seen, 0), coalesce(new.neutral_flagged, 0), coalesce(new.framed_seen, 0), coalesce(new.framed_missed, 0))
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
	INSERT INTO attempt_summaries (user_id, question_id, content_version, lesson_slug, first_id, first_score, latest_id, latest_score, latest_at,
	                               first_neutral_seen, first_neutral_flagged, first_framed_seen, first_framed_missed)
	SELECT old.user_id, old.question_id, old.content_version, l.lesson_slug, f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at,
	       coalesce(f.neutral_seen, 0), coalesce(f.neutral_flagged, 0), coalesce(f.framed_seen, 0), coalesce(f.framed_missed, 0)
	  FROM (SELECT min(id) AS first_id, max(id) AS latest_id FROM attempts
	         WHERE user_id = old.user_id AND question_id = old.question_id AND content_version = old.content_version) g
	  JOIN attempts f ON f.id = g.first_id
	  JOIN attempts l ON l.id = g.latest_id;
END;
--> statement-breakpoint
CREATE TRIGGER `attempts_summary_move` AFTER UPDATE OF `user_id` ON `attempts` BEGIN
	DELETE FROM attempt_summaries
	 WHERE question_id = old.question_id AND content_version = old.content_version AND user_id IN (old.user_id, new.user_id);
	INSERT INTO attempt_summaries (user_id, question_id, content_version, lesson_slug, first_id, first_score, latest_id, latest_score, latest_at,
	                               first_neutral_seen, first_neutral_flagged, first_framed_seen, first_framed_missed)
	SELECT u.user_id, old.question_id, old.content_version, l.lesson_slug, f.id, f.earned / f.total, l.id, l.earned / l.total, l.created_at,
	       coalesce(f.neutral_seen, 0), coalesce(f.neutral_flagged, 0), coalesce(f.framed_seen, 0), coalesce(f.framed_missed, 0)
	  FROM (SELECT user_id, min(id) AS first_id, max(id) AS latest_id FROM attempts
	         WHERE user_id IN (old.user_id, new.user_id) AND question_id = old.question_id AND content_version = old.content_version
	         GROUP BY user_id) u
	  JOIN attempts f ON f.id = u.first_id
	  JOIN attempts l ON l.id = u.latest_id;
END;
--> statement-breakpoint
-- Discernment filled in later for old rows (the server does it at start): copy it to the first-attempt summary.
CREATE TRIGGER `attempts_discernment_filled` AFTER UPDATE OF `neutral_seen`, `neutral_flagged`, `framed_seen`, `framed_missed` ON `attempts` BEGIN
	UPDATE attempt_summaries
	   SET first_neutral_seen = coalesce(new.neutral_seen, 0), first_neutral_flagged = coalesce(new.neutral_flagged, 0),
	       first_framed_seen = coalesce(new.framed_seen, 0), first_framed_missed = coalesce(new.framed_missed, 0)
	 WHERE first_id = new.id AND user_id = new.user_id AND question_id = new.question_id AND content_version = new.content_version;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_lesson_insert` AFTER INSERT ON `attempt_summaries` BEGIN
	DELETE FROM lesson_summaries WHERE user_id = new.user_id AND lesson_slug = new.lesson_slug;
	INSERT INTO lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at, neutral_seen, neutral_flagged, framed_seen, framed_missed)
	SELECT * FROM lesson_summary_rows WHERE user_id = new.user_id AND lesson_slug = new.lesson_slug;
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_lesson_update` AFTER UPDATE ON `attempt_summaries` BEGIN
	DELETE FROM lesson_summaries WHERE user_id IN (old.user_id, new.user_id) AND lesson_slug IN (old.lesson_slug, new.lesson_slug);
	INSERT INTO lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at, neutral_seen, neutral_flagged, framed_seen, framed_missed)
	SELECT * FROM lesson_summary_rows WHERE user_id IN (old.user_id, new.user_id) AND lesson_slug IN (old.lesson_slug, new.lesson_slug);
END;
--> statement-breakpoint
CREATE TRIGGER `summaries_lesson_delete` AFTER DELETE ON `attempt_summaries` BEGIN
	DELETE FROM lesson_summaries WHERE user_id = old.user_id AND lesson_slug = old.lesson_slug;
	INSERT INTO lesson_summaries (user_id, lesson_slug, answered, latest_earned, first_earned, last_at, neutral_seen, neutral_flagged, framed_seen, framed_missed)
	SELECT * FROM lesson_summary_rows WHERE user_id = old.user_id AND lesson_slug = old.lesson_slug;
END;
