import type { Grade } from '../../contract';
import type { RespondPublic } from '.';

/** The heading of a written answer's feedback: it is saved, and what the instant checks found. */
export function respondSummary(_question: RespondPublic, grade: Grade): string {
	const flagged = grade.parts.filter((p) => p.verdict !== 'correct').length;
	if (grade.parts.length === 0) return 'Your answer is saved';
	return flagged === 0
		? 'Your answer is saved: it passes the quick checks'
		: `Your answer is saved: ${flagged} quick check${flagged === 1 ? '' : 's'} to look at`;
}
