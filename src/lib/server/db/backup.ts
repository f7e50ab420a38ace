// A consistent copy of the live database, taken with SQLite's online backup API while the
// server keeps running and writing. Used by `npm run backup` (scripts/backup.ts).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A refusal or failure with a message meant for the person running the backup. */
export class BackupError extends Error {
	name = 'BackupError';
}

export interface BackupOptions {
	/** Called after each step with the pages copied so far and the total. */
	onProgress?: (copiedPages: number, totalPages: number) => void;
	/** Pages copied per step; each step holds a read snapshot only while it runs. */
	pagesPerStep?: number;
}

export interface BackupResult {
	pages: number;
	bytes: number;
	/** Rows of `pragma integrity_check` on the copy: `['ok']` when it is sound. */
	integrity: string[];
	/** How often a write by another connection made SQLite start the copy over. */
	restarts: number;
}

/** Copies everything in one step (the largest value better-sqlite3 accepts). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the SQLite file at `source` to `destination` (which must not exist yet), then runs
 * `pragma integrity_check` on the copy. The copy is a single file in rollback-journal mode, so
 * it can be moved around without `-wal`/`-shm` companions; the server switches it back to WAL
 * when it opens it.
 */
export async function backupDatabase(
	source: string,
	destination: string,
	options: BackupOptions = {}
): Promise<BackupResult> {
	const pagesPerStep = options.pagesPerStep ?? 1000;
	if (!existsSync(source)) throw new BackupError(`the database ${source} does not exist`);
	if (existsSync(destination)) {
		throw new BackupError(`${destination} already exists; choose a new file name`);
	}
	mkdirSync(dirname(resolve(destination)), { recursive: true });

	// Write under a temporary name and rename at the end, so a file at `destination` is always a
	// complete, checked backup (never half a copy left by a crash or a failed check).
	const partial = `${destination}.partial-${process.pid}`;

	// Opened plainly, not with openDatabase(): a backup must not run migrations or change
	// pragmas on the live file. Read-only is enough for the backup API to read from it.
	const live = new Database(source, { readonly: true, fileMustExist: true });
	let restarts = 0;
	let pages: number;
	try {
		let lastRemaining = Infinity;
		let copyAllAtOnce = false;
		const metadata = await live.backup(partial, {
			progress({ totalPages, remainingPages }) {
				// When another connection (the server) writes between two steps, SQLite restarts the
				// copy from page 1, so a step makes no progress. On a busy server stepping could then
				// restart forever, so after the first restart copy the rest in one step: one read
				// snapshot, and thanks to WAL the server keeps writing meanwhile.
				if (remainingPages >= lastRemaining) {
					restarts++;
					copyAllAtOnce = true;
				}
				lastRemaining = remainingPages;
				options.onProgress?.(totalPages - remainingPages, totalPages);
				return copyAllAtOnce ? ALL_PAGES : pagesPerStep;
			}
		});
		pages = metadata.totalPages;
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	} finally {
		live.close();
	}

	const copy = new Database(partial);
	let integrity: string[];
	try {
		// The copied header says WAL (like the source); a plain journal keeps the backup one file.
		copy.pragma('journal_mode = DELETE');
		integrity = (copy.pragma('integrity_check') as { integrity_check: string }[]).map(
			(row) => row.integrity_check
		);
	} finally {
		copy.close();
	}
	if (integrity.length !== 1 || integrity[0] !== 'ok') {
		rmSync(partial, { force: true });
		throw new BackupError(`the copy failed the integrity check: ${integrity.slice(0, 3).join('; ')}`);
	}
	// Checked again because the copy took a while and renameSync would silently overwrite.
	if (existsSync(destination)) {
		rmSync(partial, { force: true });
		throw new BackupError(`${destination} already exists; choose a new file name`);
	}
	renameSync(partial, destination);
	options.onProgress?.(pages, pages);
	return { pages, bytes: statSync(destination).size, integrity, restarts };
}
