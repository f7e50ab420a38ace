import { stringify } from 'csv-stringify/sync';
import type { Course } from '../content/course';
import type { LoadedQuestion } from '../content/questions';
import { isWrittenQuestion } from '../quiz/written';
import { answerText } from './answer-text';
import { lessonShortTitle, type ClassMatrix } from './matrix';
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

/** ISO 8601 in UTC to the second ("2026-12-01T14:05:00Z"): every spreadsheet and script reads it. */
export function isoDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The file's name: the class, what it holds and the date it was made (UTC), in letters, digits
 * and hyphens only, so no header or file system can be surprised: "period-3-progress-2026-12-01.csv".
 */
export function csvFilename(className: string, kind: 'progress' | 'answers', asOf: number): string {
	const slug = className
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return `${slug || 'class'}-${kind}-${isoDate(asOf).slice(0, 10)}.csv`;
}

/** A lesson's name in a column heading: its number and short title ("2. Claims and framing"). */
export const lessonHeading = (lesson: { number: number; shortTitle: string }) => `${lesson.number}. ${lesson.shortTitle}`;

/** Columns appended after the course's (class practice): a heading each, and each student's values. */
export interface ExtraColumns {
	header: string[];
	/** Which columns hold a 0..1 share, written as a percentage like the course's. */
	percent: boolean[];
	values: (userId: string) => (string | number | null)[];
}

/**
 * The progress matrix as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents right).
 * Columns are named by lesson titles; scores are on what was done, with how much of the course
 * was done beside them; `asOf` (when the export was made) is in every row, so a saved file says
 * when its figures were true.
 */
export function matrixCsv(matrix: ClassMatrix, asOf: number, extra?: ExtraColumns): string {
	const header = [
		'student',
		'username',
		...matrix.lessons.flatMap((l) => [`${lessonHeading(l)}: questions answered`, `${lessonHeading(l)}: score on answered %`]),
		'questions answered',
		'course completed %',
		'score on answered questions %',
		'before check %',
		'after check %',
		'gain (points)',
		'normalised gain %',
		'neutral parts met',
		'neutral parts flagged',
		'framed parts met',
		'framed parts missed',
		'last active (UTC)',
		'as of (UTC)',
		...(extra?.header ?? [])
	];
	const rows = matrix.rows.map((row) =>
		[
			row.name,
			row.username,
			...row.cells.flatMap((c) => [c.answered, pct(c.doneScore)]),
			row.answered,
			pct(row.completed),
			pct(row.doneScore),
			pct(row.before),
			pct(row.after),
			row.gain ? pct(row.gain.raw) : null,
			row.gain ? pct(row.gain.normalised) : null,
			row.discernment.neutral,
			row.discernment.flagged,
			row.discernment.framed,
			row.discernment.missed,
			row.lastActive === null ? null : isoDate(row.lastActive),
			isoDate(asOf),
			...(extra?.values(row.userId) ?? []).map((v, i) => (extra?.percent[i] && typeof v === 'number' ? pct(v) : v))
		].map(cell)
	);
	return '\uFEFF' + stringify([header, ...rows]);
}

const ATTEMPTS_HEADER = [
	'attempt',
	'student',
	'username',
	'lesson',
	'question',
	'question id',
	'version',
	'earned',
	'total',
	'answer',
	'answer as stored',
	'answered at (UTC)',
	'as of (UTC)',
	'score from',
	'teacher comment'
];

/** Where a written answer's score comes from (see quiz/types/respond/score.ts); empty for graded types. */
function scoreFrom(r: AttemptExportRow, written: boolean): string {
	if (!written) return '';
	return r.reviewScore != null ? 'teacher review' : r.selfChecked ? 'self-check' : 'not self-checked';
}

/** What the attempts export needs from the course: lesson titles, and each question to read answers by. */
export interface AttemptsCsvContext {
	course: Pick<Course, 'lessons' | 'questions'>;
	/** When the export was made. */
	asOf: number;
	/** Finds a class-practice question (see class-texts/report.ts); null for the course's own. */
	practice?: (lessonSlug: string, questionId: string, version: string) => { title: string; question: LoadedQuestion | null } | null;
}

function attemptRecorder({ course, asOf, practice }: AttemptsCsvContext): (r: AttemptExportRow) => string[] {
	const lessons = new Map(course.lessons.map((l) => [l.slug, lessonHeading({ number: l.number, shortTitle: lessonShortTitle(l) })]));
	const when = isoDate(asOf);
	return (r) => {
		const practiced = practice?.(r.lessonSlug, r.questionId, r.contentVersion) ?? null;
		const question = practiced ? (practiced.question ?? undefined) : course.questions.get(r.questionId);
		return [
			r.attemptId,
			r.student,
			r.username,
			practiced?.title ?? lessons.get(r.lessonSlug) ?? r.lessonSlug,
			question?.definition.prompt ?? r.questionId,
			r.questionId,
			r.contentVersion,
			r.earned,
			r.total,
			answerText(question, r.response),
			r.response,
			isoDate(r.createdAt),
			when,
			scoreFrom(r, isWrittenQuestion(question)),
			r.reviewComment ?? ''
		].map(cell);
	};
}

/** One row per attempt, as one string (the route streams the same text with attemptsCsvStream). */
export function attemptsCsv(rows: AttemptExportRow[], context: AttemptsCsvContext): string {
	return '\uFEFF' + stringify([ATTEMPTS_HEADER, ...rows.map(attemptRecorder(context))]);
}

/**
 * The attempts CSV as a stream: `nextPage(afterId)` is asked for the next page only when the
 * reader wants more, so a class of a million attempts is never in memory at once and no request
 * holds the event loop for long. Each page is stringified on its own; the records are the same
 * as attemptsCsv's, so the text is too.
 */
export function attemptsCsvStream(nextPage: (afterId: number) => Promise<AttemptExportPage>, context: AttemptsCsvContext): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const attemptRecord = attemptRecorder(context);
	let after = 0;
	return new ReadableStream({
		start(controller) {
			controller.enqueue(encoder.encode('\uFEFF' + stringify([ATTEMPTS_HEADER])));
		},
		async pull(controller) {
			for (;;) {
				const page = await nextPage(after);
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
