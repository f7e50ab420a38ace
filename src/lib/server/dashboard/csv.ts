import { stringify } from 'csv-stringify/sync';
import type { ClassMatrix } from './matrix';
import type { AttemptExportPage, AttemptExportRow } from './queries';

/**
 * Spreadsheets run cells that start with = + - @ (or tab / carriage return) as formulas: prefix
 * them with an apostrophe so a student's display name can never become one.
 */
export function neutraliseFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | number | null): string {
	if (value === null) return '';
	return typeof value === 'number' ? String(value) : neutraliseFormula(value);
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** The progress matrix as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents right). */
export function matrixCsv(matrix: ClassMatrix): string {
	const header = [
		'student',
		'username',
		...matrix.lessons.flatMap((l) => [`L${String(l.number).padStart(2, '0')} answered`, `L${String(l.number).padStart(2, '0')} score %`]),
		'answered',
		'score %',
		'before %',
		'after %',
		'gain (points)',
		'normalised gain %',
		'neutral parts met',
		'neutral parts flagged',
		'framed parts met',
		'framed parts missed',
		'last active (UTC)'
	];
	const rows = matrix.rows.map((row) =>
		[
			row.name,
			row.username,
			...row.cells.flatMap((c) => [c.answered, pct(c.score)]),
			row.answered,
			pct(row.score),
			pct(row.before),
			pct(row.after),
			row.gain ? pct(row.gain.raw) : null,
			row.gain ? pct(row.gain.normalised) : null,
			row.discernment.neutral,
			row.discernment.flagged,
			row.discernment.framed,
			row.discernment.missed,
			row.lastActive === null ? null : new Date(row.lastActive).toISOString()
		].map(cell)
	);
	return '\uFEFF' + stringify([header, ...rows]);
}


const ATTEMPTS_HEADER = ['attempt', 'student', 'username', 'lesson', 'question', 'version', 'earned', 'total', 'response', 'answered at (UTC)'];

function attemptRecord(r: AttemptExportRow): string[] {
	return [r.attemptId, r.student, r.username, r.lessonSlug, r.questionId, r.contentVersion, r.earned, r.total, r.response, new Date(r.createdAt).toISOString()].map(cell);
}

/** One row per attempt, as one string (the route streams the same text with attemptsCsvStream). */
export function attemptsCsv(rows: AttemptExportRow[]): string {
	return '\uFEFF' + stringify([ATTEMPTS_HEADER, ...rows.map(attemptRecord)]);
}

/**
 * The attempts CSV as a stream: `nextPage(afterId)` is asked for the next page only when the
 * reader wants more, so a class of a million attempts is never in memory at once and no request
 * holds the event loop for long. Each page is stringified on its own; the records are the same
 * as attemptsCsv's, so the text is too.
 */
export function attemptsCsvStream(nextPage: (afterId: number) => AttemptExportPage): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let after = 0;
	return new ReadableStream({
		start(controller) {
			controller.enqueue(encoder.encode('\uFEFF' + stringify([ATTEMPTS_HEADER])));
		},
		async pull(controller) {
			for (;;) {
				const page = nextPage(after);
				if (page.rows.length > 0) controller.enqueue(encoder.encode(stringify(page.rows.map(attemptRecord))));
				if (page.next === null) return controller.close();
				after = page.next;
				if (page.rows.length > 0) return;
				// A stretch of ids without this class's attempts: let other requests run before the next.
				await new Promise((resolve) => setImmediate(resolve));
			}
		}
	});
}
