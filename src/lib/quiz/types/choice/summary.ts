import type { Grade } from '../../contract';
import type { ChoicePublic } from '.';

/** How an answer that is not all right went, in words (the heading of its feedback). */
export function choiceSummary(question: ChoicePublic, grade: Grade): string {
	const count = (verdict: string) => grade.parts.filter((p) => p.verdict === verdict).length;
	const right = count('correct');
	const wrong = count('incorrect');
	if (!question.multiple) return right > 0 ? 'You picked the right answer' : 'That is not the right answer';
	const of = right + count('missed');
	return `You picked ${right} of the ${of} right answers${wrong > 0 ? ` and ${wrong} wrong ${wrong === 1 ? 'one' : 'ones'}` : ''}`;
}
