import { stringify } from 'csv-stringify/sync';
import type { ClassMatrix } from './matrix';
import type { AttemptExportRow } from './queries';

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
			row.lastActive === null ? null : new Date(row.lastActive).toISOString()
		].map(cell)
	);
	return '\uFEFF' + stringify([header, ...rows]);
}


/** One row per attempt. */
export function attemptsCsv(rows: AttemptExportRow[]): string {
	const header = ['attempt', 'student', 'username', 'lesson', 'question', 'version', 'earned', 'total', 'response', 'answered at (UTC)'];
	return (
		'\uFEFF' +
		stringify([
			header,
			...rows.map((r) =>
				[r.attemptId, r.student, r.username, r.lessonSlug, r.questionId, r.contentVersion, r.earned, r.total, r.response, new Date(r.createdAt).toISOString()].map(cell)
			)
		])
	);
}
