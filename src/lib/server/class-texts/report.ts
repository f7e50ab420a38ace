// Class practice in the instructor's reports: a column group per published set in the matrix
// and the CSV, its questions in the item analysis, and its answers on the student page. It reads
// attempt_summaries (kept by the triggers for every attempt) on the set's current versions,
// the same rule as the course: an answer to an older version of a question does not count.
import { questionType, type QuestionTypeName } from '../../quiz/registry';
import type { ItemSummaryGroup } from '../../quiz/contract';
import type { ExtraColumns } from '../dashboard/csv';
import { doneScore } from '../dashboard/matrix';
import { firstResponseCounts } from '../dashboard/queries';
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open';
import { queryRows } from '../db/results';
import { attemptQuestionId, loadedQuestions, practiceTextId } from './practice';
import { practiceVersionsOf, publishedTextsOfClass, textIdsOfClass, textVersionById } from './store';

interface SummaryRow {
	userId: string;
	questionId: string;
	version: string;
	firstScore: number;
	latestScore: number;
}

function summaries(db: AppDatabase, classId: string, lessonSlug: string): Promise<SummaryRow[]> {
	return queryRows<SummaryRow>(
		db,
		sql`select s.user_id as "userId", s.question_id as "questionId", s.content_version as version,
		           s.first_score as "firstScore", s.latest_score as "latestScore"
		      from enrollments e join attempt_summaries s on s.user_id = e.user_id
		     where e.class_id = ${classId} and s.lesson_slug = ${lessonSlug}`
	);
}

export interface PracticeCell {
	answered: number;
	doneScore: number | null;
}

export interface PracticeSetReport {
	textId: string;
	title: string;
	questions: { id: string; attemptId: string; type: QuestionTypeName; prompt: string; version: string; definition: Record<string, unknown> }[];
	/** Per student id. */
	cells: Map<string, PracticeCell>;
}

/** Every published set of the class with each student's figures on its current questions. */
export async function classPracticeReport(db: AppDatabase, classId: string): Promise<PracticeSetReport[]> {
	return Promise.all((await publishedTextsOfClass(db, classId)).map(async ({ textId, title, practice }) => {
		const questions = loadedQuestions(practice).map((q) => ({
			id: q.definition.id,
			attemptId: attemptQuestionId(textId, q.definition.id),
			type: q.type,
			prompt: q.definition.prompt,
			version: q.version,
			definition: q.definition as Record<string, unknown>
		}));
		const current = new Map(questions.map((q) => [q.attemptId, q.version]));
		const cells = new Map<string, { answered: number; earned: number }>();
		for (const row of await summaries(db, classId, `practice:${textId}`)) {
			if (current.get(row.questionId) !== row.version) continue;
			const cell = cells.get(row.userId) ?? { answered: 0, earned: 0 };
			cell.answered += 1;
			cell.earned += row.latestScore;
			cells.set(row.userId, cell);
		}
		return {
			textId,
			title,
			questions,
			cells: new Map([...cells].map(([userId, c]) => [userId, { answered: c.answered, doneScore: doneScore(c.earned, c.answered) }]))
		};
	}));
}

/** The class practice table of the class page: students as rows, one column per set. */
export function practiceMatrix(reports: PracticeSetReport[], students: { id: string; displayName: string }[]) {
	return {
		sets: reports.map((r) => ({ textId: r.textId, title: r.title, questions: r.questions.length })),
		rows: students.map((s) => ({
			userId: s.id,
			name: s.displayName,
			cells: reports.map((r) => r.cells.get(s.id) ?? { answered: 0, doneScore: null })
		}))
	};
}

/** The CSV's class practice columns: for each set, questions answered and score on answered. */
export function practiceCsvColumns(reports: PracticeSetReport[]): ExtraColumns {
	return {
		header: reports.flatMap((r) => [`Class practice: ${r.title}: questions answered`, `Class practice: ${r.title}: score on answered %`]),
		percent: reports.flatMap(() => [false, true]),
		values: (userId) =>
			reports.flatMap((r) => {
				const cell = r.cells.get(userId);
				return [cell?.answered ?? 0, cell?.doneScore ?? null];
			})
	};
}

export interface PracticeItem {
	textId: string;
	title: string;
	questionId: string;
	prompt: string;
	firstAttempts: number;
	/** Mean score of first attempts, 0..1, null with none. */
	firstScore: number | null;
	groups: ItemSummaryGroup[];
}

/** The item analysis of the class's practice questions: first attempts, their mean, and what was chosen. */
export async function practiceItems(db: AppDatabase, classId: string, reports: PracticeSetReport[]): Promise<PracticeItem[]> {
	const items: PracticeItem[] = [];
	for (const report of reports) {
		const rows = await summaries(db, classId, `practice:${report.textId}`);
		for (const q of report.questions) {
			const firsts = rows.filter((r) => r.questionId === q.attemptId && r.version === q.version);
			const type = questionType(q.type);
			const counts = new Map((await firstResponseCounts(db, classId, q.attemptId, q.version, type.responsePath)).map((c) => [c.choice, c.count]));
			items.push({
				textId: report.textId,
				title: report.title,
				questionId: q.id,
				prompt: q.prompt,
				firstAttempts: firsts.length,
				firstScore: firsts.length ? firsts.reduce((sum, r) => sum + r.firstScore, 0) / firsts.length : null,
				groups: firsts.length ? type.summarize(q.definition, counts, firsts.length) : []
			});
		}
	}
	return items;
}

/**
 * The question an attempt of class practice answered, found in the practice version that has
 * its content version: for the student page and the attempts CSV. Null for course attempts.
 */
export async function practiceQuestionLookup(db: AppDatabase, classId: string) {
	// Every practice version of the class's texts, read once up front (a class has at most a few dozen).
	const texts = new Map<string, { title: string; questions: Map<string, ReturnType<typeof loadedQuestions>[number]> }>();
	for (const textId of await textIdsOfClass(db, classId)) {
		const questions = new Map<string, ReturnType<typeof loadedQuestions>[number]>();
		let title = '';
		for (const practice of await practiceVersionsOf(db, textId)) {
			title = (await textVersionById(db, practice.textVersionId))?.provenance.title ?? title;
			for (const q of loadedQuestions(practice)) questions.set(`${attemptQuestionId(textId, q.definition.id)}@${q.version}`, q);
		}
		texts.set(textId, { title, questions });
	}
	return (lessonSlug: string, questionId: string, version: string) => {
		const textId = practiceTextId(lessonSlug);
		if (!textId) return null;
		const entry = texts.get(textId);
		if (!entry) return null;
		return { title: `Class practice: ${entry.title}`, question: entry.questions.get(`${questionId}@${version}`) ?? null };
	};
}
