import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { discernmentPatterns, type DiscernmentFigures, type DiscernmentPattern } from '../progress/discernment';
import { diagnosticGain } from '../progress/progress';
import { classRoster, forEachLessonSummary } from './queries';
import { syncDashboardSummaries } from './summaries';

export type MatrixSort = 'name' | 'progress' | 'score' | 'active';

export interface MatrixRow {
	userId: string;
	name: string;
	username: string | null;
	/** One cell per lesson, in course order. */
	cells: { answered: number; questions: number; score: number }[];
	answered: number;
	/** Mean score over all the course's questions (0..1). */
	score: number;
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

export interface ClassMatrix {
	lessons: { slug: string; number: number; title: string; questions: number }[];
	rows: MatrixRow[];
	/** Mean score per lesson over students who answered anything in it. */
	lessonAverages: (number | null)[];
	classBefore: number | null;
	classAfter: number | null;
	classGain: { raw: number; normalised: number | null } | null;
	/** Discernment summed over the students shown. */
	classDiscernment: DiscernmentFigures;
}

function mean(values: number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The progress matrix of a class: students by lessons, sorted and filtered as asked. */
export function classMatrix(db: AppDatabase, course: Course, classId: string, sort: MatrixSort = 'name', search = ''): ClassMatrix {
	syncDashboardSummaries(db, course);
	const lessons = course.lessons.map((l) => ({ slug: l.slug, number: l.number, title: l.title, questions: l.questionIds.length }));
	const lessonIndex = new Map(course.lessons.map((l, i) => [l.slug, i]));
	const questionCount = course.lessons.reduce((sum, l) => sum + l.questionIds.length, 0);

	const needle = search.trim().toLowerCase();
	const rows: MatrixRow[] = classRoster(db, classId)
		.filter((s) => !needle || `${s.displayName ?? ''} ${s.username ?? ''}`.toLowerCase().includes(needle))
		.map((student) => ({
			userId: student.userId,
			name: student.displayName ?? student.username ?? 'Student',
			username: student.username,
			cells: course.lessons.map((l) => ({ answered: 0, questions: l.questionIds.length, score: 0 })),
			answered: 0,
			score: 0, // the sum of latest scores until the end, then the mean over the course
			lastActive: null,
			before: null,
			after: null,
			gain: null,
			discernment: { neutral: 0, flagged: 0, framed: 0, missed: 0 },
			patterns: []
		}));

	// Each student's lesson summaries, added into their row (and the lesson's average) as they are read.
	const rowOf = new Map(rows.map((row) => [row.userId, row]));
	const lessonScoreSums = new Float64Array(lessons.length);
	const lessonStudents = new Int32Array(lessons.length);
	forEachLessonSummary(db, classId, (summary) => {
		const row = rowOf.get(summary.userId);
		if (!row) return; // left out by the search
		row.score += summary.latestEarned;
		row.lastActive = Math.max(row.lastActive ?? 0, summary.lastAt);
		row.discernment.neutral += summary.neutralSeen;
		row.discernment.flagged += summary.neutralFlagged;
		row.discernment.framed += summary.framedSeen;
		row.discernment.missed += summary.framedMissed;
		const index = lessonIndex.get(summary.lessonSlug);
		if (index === undefined) return; // a lesson the course no longer has
		const lesson = course.lessons[index];
		const cell = row.cells[index];
		cell.answered = summary.answered;
		cell.score = lesson.questionIds.length > 0 ? summary.latestEarned / lesson.questionIds.length : 0;
		row.answered += summary.answered;
		lessonScoreSums[index] += cell.score;
		lessonStudents[index]++;
		// Diagnostics: mean first-attempt score, once every question of the check is answered.
		if (lesson.diagnostic && summary.answered >= lesson.questionIds.length) {
			row[lesson.diagnostic] = summary.firstEarned / lesson.questionIds.length;
		}
	});
	for (const row of rows) {
		row.score = questionCount === 0 ? 0 : row.score / questionCount;
		row.gain = diagnosticGain(row.before, row.after);
		row.patterns = discernmentPatterns(row.discernment);
	}

	const compare: Record<MatrixSort, (x: MatrixRow, y: MatrixRow) => number> = {
		name: (x, y) => x.name.localeCompare(y.name),
		progress: (x, y) => y.answered - x.answered || x.name.localeCompare(y.name),
		score: (x, y) => y.score - x.score || x.name.localeCompare(y.name),
		active: (x, y) => (y.lastActive ?? 0) - (x.lastActive ?? 0) || x.name.localeCompare(y.name)
	};
	rows.sort(compare[sort]);

	const lessonAverages = lessons.map((_, i) => (lessonStudents[i] === 0 ? null : lessonScoreSums[i] / lessonStudents[i]));
	const classBefore = mean(rows.flatMap((r) => (r.before === null ? [] : [r.before])));
	const classAfter = mean(rows.flatMap((r) => (r.after === null ? [] : [r.after])));
	const classDiscernment = { neutral: 0, flagged: 0, framed: 0, missed: 0 };
	for (const row of rows) {
		classDiscernment.neutral += row.discernment.neutral;
		classDiscernment.flagged += row.discernment.flagged;
		classDiscernment.framed += row.discernment.framed;
		classDiscernment.missed += row.discernment.missed;
	}
	return { lessons, rows, lessonAverages, classBefore, classAfter, classGain: diagnosticGain(classBefore, classAfter), classDiscernment };
}
