// `npm run backup -- <file>`: a consistent copy of the database (DATABASE_URL, default
// data/app.db) taken while the server may be running. The work is in backupDatabase(); this
// file only reads the argument and prints. Every failure is one line and exit code 1.
import { backupDatabase } from '../src/lib/server/db/backup';
import { dialectOf } from '../src/lib/server/db/dialect';
import { databasePath } from '../src/lib/server/db/open';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].trim() === '') {
	console.error('Usage: npm run backup -- <destination file>  (copies DATABASE_URL, default data/app.db)');
	process.exit(1);
}
if (dialectOf() === 'postgres') {
	console.error('npm run backup copies the SQLite file; DATABASE_URL names PostgreSQL, so use pg_dump (README: "Backups on PostgreSQL").');
	process.exit(1);
}
const destination = args[0];
const source = databasePath();

function size(bytes: number): string {
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Redraw one progress line in a terminal; in logs (cron) print only the final lines.
const showProgress = process.stdout.isTTY === true;

try {
	const result = await backupDatabase(source, destination, {
		onProgress(copied, total) {
			if (showProgress) process.stdout.write(`\rCopying ${source}: ${copied} of ${total} pages`);
		}
	});
	if (showProgress) process.stdout.write('\n');
	console.log(`Backed up ${source} to ${destination}: ${result.pages} pages, ${size(result.bytes)}.`);
	console.log(`Integrity check of the copy: ${result.integrity.join(', ')}.`);
} catch (error) {
	if (showProgress) process.stdout.write('\n');
	// A message, not a stack trace: these are refusals (missing file, existing destination) or
	// SQLite errors such as "file is not a database", which the person can act on.
	console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
