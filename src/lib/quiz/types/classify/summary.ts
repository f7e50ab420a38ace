import type { Grade } from '../../contract';
import type { ClassifyPublic } from '.';

/** How an answer that is not all right went, in words (the heading of its feedback). */
export function classifySummary(question: ClassifyPublic, grade: Grade): string {
	return `You scored ${grade.parts.filter((p) => p.verdict === 'correct').length} of ${question.items.length}`;
}
