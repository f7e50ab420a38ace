CREATE TABLE `class_text_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`text_id` text NOT NULL,
	`number` integer NOT NULL,
	`provenance` text NOT NULL,
	`body` text NOT NULL,
	`annotations` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`text_id`) REFERENCES `class_texts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `class_text_versions_text_number_idx` ON `class_text_versions` (`text_id`,`number`);--> statement-breakpoint
CREATE TABLE `class_texts` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`slug` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `class_texts_class_slug_idx` ON `class_texts` (`class_id`,`slug`);--> statement-breakpoint
CREATE TABLE `practice_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`text_id` text NOT NULL,
	`number` integer NOT NULL,
	`text_version_id` integer NOT NULL,
	`questions` text NOT NULL,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`text_id`) REFERENCES `class_texts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`text_version_id`) REFERENCES `class_text_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_versions_text_number_idx` ON `practice_versions` (`text_id`,`number`);