import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { discernmentPatterns, type DiscernmentFigures, type DiscernmentPattern } from '../progress/discernment';
import { diagnosticGain } from '../progress/progress';
import { classRoster, forEachLessonSummary } from './queries';
import { syncDashboardSummaries } from './summaries';

export type MatrixSort = 'name' | 'progress' | 'score' | 'active';

/**
 * A share (0..1) to nine decimals. Scores are sums of fractions, and the same sum taken in
 * another order (PostgreSQL adds a student's rows in another order than SQLite) can differ in its
 * last bits: 0.625 may come back as 0.6249999999999999, which would show as 62% on one database
 * and 63% on the other. Nine decimals are far below anything shown.
 */
function settled(share: number): number {
	return Math.round(share * 1e9) / 1e9;
}

/**
 * Score on what was done: the mean latest score over the questions answered (0..1), or null when
 * nothing is answered. Unanswered questions do not count as 0 here: a student who did three
 * lessons well is not shown as failing the course. How much was done is `completed`, apart.
 */
export function doneScore(earned: number, answered: number): number | null {
	return answered === 0 ? null : settled(earned / answered);
}

export interface MatrixCell {
	answered: number;
	questions: number;
	/** Score on the questions of the lesson answered so far (0..1), null when none. */
	doneScore: number | null;
	/** Discernment on first attempts in this lesson (which lessons to revisit for a habit). */
	discernment: DiscernmentFigures;
}

export interface MatrixRow {
	userId: string;
	name: string;
	username: string | null;
	/** One cell per lesson, in course order. */
	cells: MatrixCell[];
	/** Questions answered, of `questions` in the course. */
	answered: number;
	questions: number;
	/** Score on what was done: mean latest score over the questions answered (0..1), null when none. */
	doneScore: number | null;
	/** Course completed: the share of the course's questions answered (0..1). */
	completed: number;
	lastActive: number | null;
	before: number | null;
	after: number | null;
	gain: { raw: number; normalised: number | null } | null;
	/**
	 * Discernment on first attempts: neutral claims and words met and how many were wrongly flagged
	 * (over-flagged); framed sentences and loaded words met and how many were taken as plain (missed).
	 */
	discernment: DiscernmentFigures;
	/** Habits worth a conversation that the discernment figures show (see progress/discernment.ts). */
	patterns: DiscernmentPattern[];
}

export interface MatrixLesson {
	slug: string;
	number: number;
	title: string;
	/** What a column header or a CSV heading can hold (see lessonShortTitle). */
	shortTitle: string;
	questions: number;
	/** The before or after check, or null for a taught lesson. */
	diagnostic: 'before' | 'after' | null;
}

export interface ClassMatrix {
	lessons: MatrixLesson[];
	rows: MatrixRow[];
	/** Mean score on what was done per lesson, over students who answered anything in it. */
	lessonAverages: (number | null)[];
	/** Mean of the students' scores on what was done, over those who answered anything. */
	classDoneScore: number | null;
	classBefore: number | null;
	classAfter: number | null;
	classGain: { raw: number; normalised: number | null } | null;
	/** Discernment summed over the students shown. */
	classDiscernment: DiscernmentFigures;
}

function mean(values: number[]): number | null {
	return values.length === 0 ? null : settled(values.reduce((a, b) => a + b, 0) / values.length);
}

/**
 * A lesson's name where room is short (column headers, CSV headings): the checks at either end
 * by what they are ("Before check", "After check"), other lessons by their title.
 */
export function lessonShortTitle(lesson: { title: string; diagnostic: 'before' | 'after' | null }): string {
	if (lesson.diagnostic === 'before') return 'Before check';
	if (lesson.diagnostic === 'after') return 'After check';
	return lesson.title;
}

const noDiscernment = (): DiscernmentFigures => ({ neutral: 0, flagged: 0, framed: 0, missed: 0 });

function addDiscernment(into: DiscernmentFigures, from: DiscernmentFigures): void {
	into.neutral += from.neutral;
	into.flagged += from.flagged;
	into.framed += from.framed;
	into.missed += from.missed;
}

/** The progress matrix of a class: students by lessons, sorted and filtered as asked. */
export async function classMatrix(db: AppDatabase, course: Course, classId: string, sort: MatrixSort = 'name', search = ''): Promise<ClassMatrix> {
	await syncDashboardSummaries(db, course);
	const lessons = course.lessons.map((l) => ({
		slug: l.slug,
		number: l.number,
		title: l.title,
		shortTitle: lessonShortTitle(l),
		questions: l.questionIds.length,
		diagnostic: l.diagnostic
	}));
	const lessonIndex = new Map(course.lessons.map((l, i) => [l.slug, i]));
	const questionCount = course.lessons.reduce((sum, l) => sum + l.questionIds.length, 0);

	const needle = search.trim().toLowerCase();
	const rows: MatrixRow[] = (await classRoster(db, classId))
		.filter((s) => !needle || `${s.displayName ?? ''} ${s.username ?? ''}`.toLowerCase().includes(needle))
		.map((student) => ({
			userId: student.userId,
			name: student.displayName ?? student.username ?? 'Student',
			username: student.username,
			cells: course.lessons.map((l) => ({ answered: 0, questions: l.questionIds.length, doneScore: null, discernment: noDiscernment() })),
			answered: 0,
			questions: questionCount,
			doneScore: null,
			completed: 0,
			lastActive: null,
			before: null,
			after: null,
			gain: null,
			discernment: noDiscernment(),
			patterns: []
		}));

	// Each student's lesson summaries, added into their row (and the lesson's average) as they are read.
	const rowOf = new Map(rows.map((row, i) => [row.userId, i]));
	const earnedSums = new Float64Array(rows.length);
	const lessonScoreSums = new Float64Array(lessons.length);
	const lessonStudents = new Int32Array(lessons.length);
	await forEachLessonSummary(db, classId, (summary) => {
		const at = rowOf.get(summary.userId);
		if (at === undefined) return; // left out by the search
		const row = rows[at];
		row.lastActive = Math.max(row.lastActive ?? 0, summary.lastAt);
		const discernment = { neutral: summary.neutralSeen, flagged: summary.neutralFlagged, framed: summary.framedSeen, missed: summary.framedMissed };
		addDiscernment(row.discernment, discernment);
		const index = lessonIndex.get(summary.lessonSlug);
		if (index === undefined) return; // a lesson the course no longer has
		const lesson = course.lessons[index];
		const cell = row.cells[index];
		cell.answered = summary.answered;
		cell.doneScore = doneScore(summary.latestEarned, summary.answered);
		cell.discernment = discernment;
		row.answered += summary.answered;
		earnedSums[at] += summary.latestEarned;
		if (cell.doneScore !== null) {
			lessonScoreSums[index] += cell.doneScore;
			lessonStudents[index]++;
		}
		// Diagnostics: mean first-attempt score, once every question of the check is answered.
		if (lesson.diagnostic && summary.answered >= lesson.questionIds.length) {
			row[lesson.diagnostic] = settled(summary.firstEarned / lesson.questionIds.length);
		}
	});
	for (const [at, row] of rows.entries()) {
		row.doneScore = doneScore(earnedSums[at], row.answered);
		row.completed = questionCount === 0 ? 0 : row.answered / questionCount;
		row.gain = diagnosticGain(row.before, row.after);
		row.patterns = discernmentPatterns(row.discernment);
	}

	const compare: Record<MatrixSort, (x: MatrixRow, y: MatrixRow) => number> = {
		name: (x, y) => x.name.localeCompare(y.name),
		progress: (x, y) => y.answered - x.answered || x.name.localeCompare(y.name),
		// Score on what was done, best first; students with nothing done last.
		score: (x, y) => (y.doneScore ?? -1) - (x.doneScore ?? -1) || y.answered - x.answered || x.name.localeCompare(y.name),
		active: (x, y) => (y.lastActive ?? 0) - (x.lastActive ?? 0) || x.name.localeCompare(y.name)
	};
	rows.sort(compare[sort]);

	const lessonAverages = lessons.map((_, i) => (lessonStudents[i] === 0 ? null : lessonScoreSums[i] / lessonStudents[i]));
	const classBefore = mean(rows.flatMap((r) => (r.before === null ? [] : [r.before])));
	const classAfter = mean(rows.flatMap((r) => (r.after === null ? [] : [r.after])));
	const classDoneScore = mean(rows.flatMap((r) => (r.doneScore === null ? [] : [r.doneScore])));
	const classDiscernment = noDiscernment();
	for (const row of rows) addDiscernment(classDiscernment, row.discernment);
	return {
		lessons,
		rows,
		lessonAverages,
		classDoneScore,
		classBefore,
		classAfter,
		classGain: diagnosticGain(classBefore, classAfter),
		classDiscernment
	};
}
