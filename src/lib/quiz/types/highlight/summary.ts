import type { Grade } from '../../contract';
import type { HighlightPublic } from '.';
import { partUnits } from './part-ids';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * A highlight answer in words, for learners (precision, recall and F1 are for instructors): "You
 * found 2 of the 3 loaded phrases and picked 1 neutral word". What the targets and the other
 * picks are called depends on what the question checks.
 */
export function highlightSummary(question: HighlightPublic, grade: Grade): string {
	const targets = grade.parts.filter((p) => p.id.startsWith('target:'));
	const found = targets.filter((p) => p.verdict === 'correct').length;
	const partly = targets.filter((p) => p.verdict === 'partial').length;
	const wrong = grade.parts.filter((p) => p.verdict === 'incorrect').flatMap((p) => partUnits(p.id)).length;
	const n = targets.length;

	let what: string;
	let others: (count: number) => string;
	if (question.unit === 'sentence') {
		const unattributed = question.checks === 'unattributed';
		what = unattributed ? plural(n, 'sentence with no source', 'sentences with no source') : plural(n, 'sentence asked for', 'sentences asked for');
		others = (count) =>
			unattributed ? plural(count, 'sentence that has a source', 'sentences that have a source') : plural(count, 'other sentence', 'other sentences');
	} else {
		const words = targets.every((p) => partUnits(p.id).length === 1);
		const noun = words ? plural(n, 'word', 'words') : plural(n, 'phrase', 'phrases');
		const loaded = question.checks === 'loaded';
		what = loaded ? `loaded ${noun}` : `${noun} asked for`;
		others = (count) => (loaded ? plural(count, 'neutral word', 'neutral words') : plural(count, 'other word', 'other words'));
	}

	let first: string;
	if (n === 1) first = found === 1 ? `You found the ${what}` : partly === 1 ? `You found part of the ${what}` : `You missed the ${what}`;
	else first = `You found ${found} of the ${n} ${what}${partly === 0 ? '' : ` (and part of ${partly === 1 ? 'another' : `${partly} others`})`}`;
	return `${first} and picked ${wrong === 0 ? `no ${others(2)}` : `${wrong} ${others(wrong)}`}`;
}
