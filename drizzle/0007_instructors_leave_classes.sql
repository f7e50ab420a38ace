-- Hand-written: instructors are not students. Before this, /join enrolled any signed-in account,
-- and a class owner could then issue an enrolled instructor a reset code and take over their
-- account. Joining and reset codes are now for students only; this removes the enrollments
-- instructors already had, so no class lists one as a student.
DELETE FROM `enrollments` WHERE `user_id` IN (SELECT `id` FROM `users` WHERE `role` = 'instructor');
