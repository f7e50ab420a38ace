import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { diagnosticGain } from '../progress/progress';
import { classRoster, lessonSummaries, type LessonSummary } from './queries';
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
	/** Neutral claims and words met on first attempts, and how many were wrongly flagged. */
	discernment: { neutral: number; flagged: number };
}

export interface ClassMatrix {
	lessons: { slug: string; number: number; title: string; questions: number }[];
	rows: MatrixRow[];
	/** Mean score per lesson over students who answered anything in it. */
	lessonAverages: (number | null)[];
	classBefore: number | null;
	classAfter: number | null;
	classGain: { raw: number; normalised: number | null } | null;
}

function mean(values: number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The progress matrix of a class: students by lessons, sorted and filtered as asked. */
export function classMatrix(db: AppDatabase, course: Course, classId: string, sort: MatrixSort = 'name', search = ''): ClassMatrix {
	syncDashboardSummaries(db, course);
	const lessons = course.lessons.map((l) => ({ slug: l.slug, number: l.number, title: l.title, questions: l.questionIds.length }));
	const questionCount = course.lessons.reduce((sum, l) => sum + l.questionIds.length, 0);
	const byStudent = new Map<string, Map<string, LessonSummary>>();
	for (const summary of lessonSummaries(db, classId)) {
		if (!byStudent.has(summary.userId)) byStudent.set(summary.userId, new Map());
		byStudent.get(summary.userId)!.set(summary.lessonSlug, summary);
	}

	// Diagnostics: mean first-attempt score, once every question of the check is answered.
	const diagnosticScore = (kind: 'before' | 'after', mine: Map<string, LessonSummary>): number | null => {
		const lesson = course.lessons.find((l) => l.diagnostic === kind);
		const summary = lesson && mine.get(lesson.slug);
		if (!lesson || !summary || summary.answered < lesson.questionIds.length) return null;
		return summary.firstEarned / lesson.questionIds.length;
	};

	const needle = search.trim().toLowerCase();
	const rows: MatrixRow[] = classRoster(db, classId)
		.filter((s) => !needle || `${s.displayName ?? ''} ${s.username ?? ''}`.toLowerCase().includes(needle))
		.map((student) => {
			const mine = byStudent.get(student.userId) ?? new Map<string, LessonSummary>();
			const rowCells = course.lessons.map((l) => {
				const cell = mine.get(l.slug);
				return {
					answered: cell?.answered ?? 0,
					questions: l.questionIds.length,
					score: cell && l.questionIds.length > 0 ? cell.latestEarned / l.questionIds.length : 0
				};
			});
			const summaries = [...mine.values()];
			const b = diagnosticScore('before', mine);
			const a = diagnosticScore('after', mine);
			return {
				userId: student.userId,
				name: student.displayName ?? student.username ?? 'Student',
				username: student.username,
				cells: rowCells,
				answered: rowCells.reduce((sum, c) => sum + c.answered, 0),
				score: questionCount === 0 ? 0 : summaries.reduce((sum, c) => sum + c.latestEarned, 0) / questionCount,
				lastActive: summaries.length === 0 ? null : Math.max(...summaries.map((c) => c.lastAt)),
				before: b,
				after: a,
				gain: diagnosticGain(b, a),
				discernment: {
					neutral: summaries.reduce((sum, c) => sum + c.neutralSeen, 0),
					flagged: summaries.reduce((sum, c) => sum + c.neutralFlagged, 0)
				}
			};
		});

	const compare: Record<MatrixSort, (x: MatrixRow, y: MatrixRow) => number> = {
		name: (x, y) => x.name.localeCompare(y.name),
		progress: (x, y) => y.answered - x.answered || x.name.localeCompare(y.name),
		score: (x, y) => y.score - x.score || x.name.localeCompare(y.name),
		active: (x, y) => (y.lastActive ?? 0) - (x.lastActive ?? 0) || x.name.localeCompare(y.name)
	};
	rows.sort(compare[sort]);

	const lessonAverages = lessons.map((_, i) => mean(rows.filter((r) => r.cells[i].answered > 0).map((r) => r.cells[i].score)));
	const classBefore = mean(rows.flatMap((r) => (r.before === null ? [] : [r.before])));
	const classAfter = mean(rows.flatMap((r) => (r.after === null ? [] : [r.after])));
	return { lessons, rows, lessonAverages, classBefore, classAfter, classGain: diagnosticGain(classBefore, classAfter) };
}
