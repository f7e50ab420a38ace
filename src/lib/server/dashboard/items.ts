import type { ItemSummaryGroup } from '../../quiz/contract';
import { questionType } from '../../quiz/registry';
import type { Course } from '../content/course';
import type { AppDatabase } from '../db/open';
import { itemStatistics, type ItemStatistics } from './item-stats';
import { firstAttemptScores, firstResponseCounts } from './queries';

export interface ItemReport extends ItemStatistics {
	lesson: string;
	prompt: string;
	type: string;
	groups: ItemSummaryGroup[];
}

/** Moodle-style item analysis of a class's first attempts, hardest first, with per-type detail. */
export function itemAnalysis(db: AppDatabase, course: Course, classId: string): ItemReport[] {
	const versions = Object.fromEntries([...course.questions].map(([id, q]) => [id, q.version]));
	const scores = firstAttemptScores(db, classId, versions);
	const byItem = new Map<string, { studentId: string; score: number }[]>();
	for (const row of scores) {
		if (!byItem.has(row.questionId)) byItem.set(row.questionId, []);
		byItem.get(row.questionId)!.push({ studentId: row.userId, score: row.score });
	}
	const lessonOf = new Map(course.lessons.flatMap((l) => l.questionIds.map((id) => [id, `${l.number}. ${l.title}`] as const)));
	const stats = itemStatistics([...byItem].map(([itemId, list]) => ({ itemId, scores: list })));
	return stats.map((stat) => {
		const question = course.questions.get(stat.itemId)!;
		const type = questionType(question.type);
		const counts = new Map(
			firstResponseCounts(db, classId, stat.itemId, question.version, type.responsePath).map((c) => [c.choice, c.count])
		);
		return {
			...stat,
			lesson: lessonOf.get(stat.itemId) ?? '',
			prompt: question.definition.prompt,
			type: question.type,
			groups: type.summarize(question.definition, counts, stat.attempts)
		};
	});
}
