import type { Grade } from '../../contract';
import type { MatchPublic } from '.';

/** How an answer that is not all right went, in words (the heading of its feedback). */
export function matchSummary(question: MatchPublic, grade: Grade): string {
	return `You scored ${grade.parts.filter((p) => p.verdict === 'correct').length} of ${question.left.length}`;
}
