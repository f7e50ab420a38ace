// The one definition of a written answer's score, used by progress, the dashboard and the CSV
// exports (through the earned/total the server stores on the attempt; see server/quiz/written.ts).

/** What a written answer's score rests on, for pages that say which one applies. */
export type ScoreBasis = 'review' | 'self-check' | 'none';

export interface WrittenScore {
	earned: number;
	total: number;
	basis: ScoreBasis;
}

/**
 * A teacher's review wins: rubric score ÷ the top rubric score. Until then the learner's own
 * self-check: statements ticked ÷ statements. Before either, 0 of 1 (the answer still counts as
 * done: it was submitted).
 */
export function writtenScore(
	question: { selfCheck: { id: string }[]; rubric: { score: number }[] },
	selfCheck: { ticked: string[] } | null,
	review: { score: number } | null
): WrittenScore {
	if (review) {
		const top = Math.max(...question.rubric.map((level) => level.score));
		return { earned: Math.min(Math.max(review.score, 0), top) / top, total: 1, basis: 'review' };
	}
	if (selfCheck) {
		const statements = new Set(question.selfCheck.map((s) => s.id));
		const ticked = new Set(selfCheck.ticked.filter((id) => statements.has(id)));
		return { earned: ticked.size / statements.size, total: 1, basis: 'self-check' };
	}
	return { earned: 0, total: 1, basis: 'none' };
}
