import { quoteHref } from '../../content/types';
import type { ItemSummaryGroup, QuotedText } from '../../quiz/contract';
import { questionType } from '../../quiz/registry';
import type { Course } from '../content/course';
import { findQuote } from '../content/paragraphs';
import { sourceLabel } from '../content/views';
import type { AppDatabase } from '../db/open';
import { itemAdvice, statisticLines, type ItemAdvice, type StatisticLine } from './item-advice';
import { columnStatistics, hardestFirst, type ItemStatistics } from './item-stats';
import {
	classFirstResponseCounts,
	classSize,
	firstAttemptsStamp,
	firstResponseCounts,
	firstReviewCounts,
	forEachPackedFirstScores,
	reviewedFirstScores,
	unpackFirstScores
} from './queries';
import { syncDashboardSummaries } from './summaries';

export interface ItemReport extends ItemStatistics {
	lesson: string;
	prompt: string;
	type: string;
}

/** A question's statistics with what they say in words (item-advice.ts). */
export interface ItemReading extends ItemReport {
	advice: ItemAdvice;
	statistics: StatisticLine[];
}

/** The passage a question is about, as the question quotes it, with where to read it in its source. */
export interface ItemPassage {
	text: string;
	source: string;
	href: string | null;
}

export interface ItemDetail extends ItemReading {
	/** What students chose on their first attempt, in the shape the question type gives it. */
	groups: ItemSummaryGroup[];
	passage: ItemPassage | null;
}

/**
 * The last analysis of each class, with the fingerprint of the first attempts it was made from
 * and the course it was made for. Item statistics change only when a student answers a question
 * for the first time, so an instructor who comes back to the page (or sorts, or opens a
 * question) is answered from here; any new first attempt makes the next view recompute.
 */
const analyses = new Map<string, { stamp: string; course: Course; reports: ItemReport[]; readings?: ItemReading[] }>();
const MAX_CACHED_CLASSES = 50;

/** Forgets every stored analysis (for benchmarks that time the full computation). */
export function clearItemAnalysisCache(): void {
	analyses.clear();
}

/** Moodle-style item analysis of a class's first attempts, hardest first. */
export async function itemAnalysis(db: AppDatabase, course: Course, classId: string): Promise<ItemReport[]> {
	await syncDashboardSummaries(db, course);
	const stamp = await firstAttemptsStamp(db, classId);
	const cached = analyses.get(classId);
	if (cached && cached.stamp === stamp && cached.course === course) return cached.reports;
	const reports = await computeItemAnalysis(db, course, classId);
	if (analyses.size >= MAX_CACHED_CLASSES) analyses.delete(analyses.keys().next().value!);
	analyses.set(classId, { stamp, course, reports });
	return reports;
}

async function computeItemAnalysis(db: AppDatabase, course: Course, classId: string): Promise<ItemReport[]> {
	// Positions in course order, as course_questions numbers them.
	const questionIds = course.lessons.flatMap((l) => l.questionIds);
	// Columns per question: each student's first score (x) and the rest of their course score (y).
	// Sized for the whole class up front: growing 200 arrays as they fill cost more than filling them.
	const size = await classSize(db, classId);
	const xs = questionIds.map(() => new Float64Array(size));
	const ys = questionIds.map(() => new Float64Array(size));
	const filled = new Int32Array(questionIds.length);
	const positions = new Int32Array(questionIds.length);
	const scores = new Float64Array(questionIds.length);
	// Written answers count only once reviewed (a self-check is the learner's own view): they are
	// left out of every student's total here, and their own columns are filled from reviews below.
	const written = new Uint8Array(questionIds.length);
	questionIds.forEach((id, p) => (written[p] = course.questions.get(id)?.type === 'respond' ? 1 : 0));
	const machineTotal = (count: number) => {
		let total = 0;
		for (let i = 0; i < count; i++) if (!written[positions[i]]) total += scores[i];
		return total;
	};
	await forEachPackedFirstScores(db, classId, (packed) => {
		const count = unpackFirstScores(packed, positions, scores);
		const total = machineTotal(count);
		for (let i = 0; i < count; i++) {
			if (written[positions[i]]) continue;
			const row = filled[positions[i]]++;
			xs[positions[i]][row] = scores[i];
			ys[positions[i]][row] = total - scores[i];
		}
	});
	const writtenIds = questionIds.filter((_, p) => written[p]);
	for (const reviewed of await reviewedFirstScores(db, classId, writtenIds)) {
		const p = questionIds.indexOf(reviewed.questionId);
		const total = machineTotal(unpackFirstScores(reviewed.packed, positions, scores));
		const row = filled[p]++;
		xs[p][row] = reviewed.score;
		ys[p][row] = total;
	}
	const lessonOf = new Map(course.lessons.flatMap((l) => l.questionIds.map((id) => [id, `${l.number}. ${l.title}`] as const)));
	const stats = questionIds.flatMap((id, p) =>
		filled[p] > 0 ? [columnStatistics(id, xs[p].subarray(0, filled[p]), ys[p].subarray(0, filled[p]))] : []
	);
	return hardestFirst(stats).map((stat) => {
		const question = course.questions.get(stat.itemId)!;
		return { ...stat, lesson: lessonOf.get(stat.itemId) ?? '', prompt: question.definition.prompt, type: question.type };
	});
}

function reading(course: Course, report: ItemReport, counts: Map<string, number>): ItemReading {
	const question = course.questions.get(report.itemId)!;
	return { ...report, advice: itemAdvice(question, report, counts), statistics: statisticLines(report) };
}

/**
 * The item analysis with each question's advice in words, hardest first. The advice needs what
 * students chose on every question (one read for the class), so it is stored with the analysis
 * it was made from and worked out again only when that is.
 */
export async function itemReadings(db: AppDatabase, course: Course, classId: string): Promise<ItemReading[]> {
	const reports = await itemAnalysis(db, course, classId);
	const stored = analyses.get(classId);
	if (stored?.reports === reports && stored.readings) return stored.readings;
	const paths = Object.fromEntries(reports.map((r) => [r.itemId, questionType(course.questions.get(r.itemId)!.type).responsePath]));
	const counts = await classFirstResponseCounts(db, classId, paths);
	const readings = reports.map((report) => reading(course, report, counts.get(report.itemId) ?? new Map()));
	if (stored?.reports === reports) stored.readings = readings;
	return readings;
}

/** The passage a question is about: its excerpt, or the passage it asks to mark. */
function passageOf(course: Course, definition: { excerpt?: QuotedText; passage?: QuotedText }): ItemPassage | null {
	const quote = definition.excerpt ?? definition.passage;
	if (!quote) return null;
	const source = course.sources.get(quote.source);
	if (!source) return { text: quote.text, source: quote.source, href: null };
	const found = findQuote(source, quote.text, quote.occurrence);
	return { text: quote.text, source: sourceLabel(source.provenance), href: found.ok ? quoteHref(found.quote) : `/sources/${source.id}` };
}

/** One question's statistics and what students chose, or null if nobody in the class answered it. */
export async function itemDetail(db: AppDatabase, course: Course, classId: string, questionId: string): Promise<ItemDetail | null> {
	const question = course.questions.get(questionId);
	const report = question && (await itemAnalysis(db, course, classId)).find((item) => item.itemId === questionId);
	if (!question || !report) return null;
	const type = questionType(question.type);
	// What students chose, and for written answers the teachers' scores of first attempts ("review=<score>").
	const counts = new Map(
		[...(await firstResponseCounts(db, classId, questionId, question.version, type.responsePath)), ...(await firstReviewCounts(db, classId, questionId, question.version))].map(
			(c) => [c.choice, c.count]
		)
	);
	return {
		...reading(course, report, counts),
		groups: type.summarize(question.definition, counts, report.attempts),
		passage: passageOf(course, question.definition as { excerpt?: QuotedText; passage?: QuotedText })
	};
}

export interface SkillComparison {
	skill: string;
	/** The skill's items in the before and after checks, with the class's facility on each (null: no answers). */
	before: { itemId: string; facility: number | null }[];
	after: { itemId: string; facility: number | null }[];
}

/**
 * Each skill's items in the two diagnostics side by side, with the class's facility on each, so
 * a teacher sees which skills improved. Skills come from the questions' `skill:` field.
 */
export function skillComparison(course: Course, reports: ItemReport[]): SkillComparison[] {
	const facility = new Map(reports.map((r) => [r.itemId, r.facility]));
	const rows = new Map<string, SkillComparison>();
	for (const kind of ['before', 'after'] as const) {
		const lesson = course.lessons.find((l) => l.diagnostic === kind);
		for (const itemId of lesson?.questionIds ?? []) {
			const skill = (course.questions.get(itemId)?.definition as { skill?: string } | undefined)?.skill;
			if (!skill) continue;
			const row = rows.get(skill) ?? { skill, before: [], after: [] };
			row[kind].push({ itemId, facility: facility.get(itemId) ?? null });
			rows.set(skill, row);
		}
	}
	return [...rows.values()];
}
