import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { diagnosticGain } from '../progress/progress';
import { questionType } from '../../quiz/registry';
import { classRoster, firstAttemptScores, firstResponses, progressMatrix } from './queries';

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

function versionsOf(course: Course, questionIds: string[]): Record<string, string> {
	return Object.fromEntries(questionIds.map((id) => [id, course.questions.get(id)!.version]));
}

function mean(values: number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The progress matrix of a class: students by lessons, sorted and filtered as asked. */
export function classMatrix(db: AppDatabase, course: Course, classId: string, sort: MatrixSort = 'name', search = ''): ClassMatrix {
	const lessons = course.lessons.map((l) => ({ slug: l.slug, number: l.number, title: l.title, questions: l.questionIds.length }));
	const allIds = course.lessons.flatMap((l) => l.questionIds);
	const cells = progressMatrix(db, classId, versionsOf(course, allIds));
	const byStudent = new Map<string, Map<string, { answered: number; earned: number; lastActive: number }>>();
	for (const cell of cells) {
		if (!byStudent.has(cell.userId)) byStudent.set(cell.userId, new Map());
		byStudent.get(cell.userId)!.set(cell.lessonSlug, cell);
	}

	// Diagnostics: mean first-attempt score, once every question of the check is answered.
	const diagnosticScore = (kind: 'before' | 'after') => {
		const lesson = course.lessons.find((l) => l.diagnostic === kind);
		const scores = new Map<string, number[]>();
		if (!lesson) return scores;
		for (const row of firstAttemptScores(db, classId, versionsOf(course, lesson.questionIds))) {
			if (!scores.has(row.userId)) scores.set(row.userId, []);
			scores.get(row.userId)!.push(row.score);
		}
		for (const [userId, list] of scores) if (list.length < lesson.questionIds.length) scores.delete(userId);
		return scores;
	};
	const before = diagnosticScore('before');
	const after = diagnosticScore('after');

	// Discernment: on first attempts, neutral parts wrongly flagged as framing or loaded.
	const discernmentIds = [...course.questions]
		.filter(([, q]) => questionType(q.type).discernment !== undefined)
		.map(([id]) => id);
	const discernment = new Map<string, { neutral: number; flagged: number }>();
	for (const row of firstResponses(db, classId, versionsOf(course, discernmentIds))) {
		const question = course.questions.get(row.questionId)!;
		const found = questionType(question.type).discernment!(question.definition, JSON.parse(row.response));
		const sum = discernment.get(row.userId) ?? { neutral: 0, flagged: 0 };
		discernment.set(row.userId, { neutral: sum.neutral + found.neutral, flagged: sum.flagged + found.flagged });
	}

	const needle = search.trim().toLowerCase();
	const rows: MatrixRow[] = classRoster(db, classId)
		.filter((s) => !needle || `${s.displayName ?? ''} ${s.username ?? ''}`.toLowerCase().includes(needle))
		.map((student) => {
			const mine = byStudent.get(student.userId) ?? new Map();
			const rowCells = course.lessons.map((l) => {
				const cell = mine.get(l.slug);
				return {
					answered: cell?.answered ?? 0,
					questions: l.questionIds.length,
					score: cell && l.questionIds.length > 0 ? cell.earned / l.questionIds.length : 0
				};
			});
			const b = mean(before.get(student.userId) ?? []);
			const a = mean(after.get(student.userId) ?? []);
			return {
				userId: student.userId,
				name: student.displayName ?? student.username ?? 'Student',
				username: student.username,
				cells: rowCells,
				answered: rowCells.reduce((sum, c) => sum + c.answered, 0),
				score: allIds.length === 0 ? 0 : [...mine.values()].reduce((sum, c) => sum + c.earned, 0) / allIds.length,
				lastActive: mine.size === 0 ? null : Math.max(...[...mine.values()].map((c) => c.lastActive)),
				before: b,
				after: a,
				gain: diagnosticGain(b, a),
				discernment: discernment.get(student.userId) ?? { neutral: 0, flagged: 0 }
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
