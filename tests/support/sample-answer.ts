// A valid (not necessarily right) answer to any public question, as form fields: used by
// server tests and benchmarks that need to post answers without knowing the key.
import type { PublicBase } from '../../src/lib/quiz/contract';

interface AnyPublic extends PublicBase {
	options?: { id: string }[];
	labels?: { id: string }[];
	items?: { id: string }[];
	unitCount?: number;
	left?: { id: string }[];
	right?: { id: string }[];
	fields?: { id: string; kind: string }[];
}

export function sampleAnswer(question: AnyPublic): [string, string][] {
	const fields: [string, string][] = [['questionId', question.id]];
	if (question.type === 'choice') fields.push(['choice', question.options![0].id]);
	if (question.type === 'classify') {
		for (const item of question.items!) fields.push([`item-${item.id}`, question.labels![0].id]);
	}
	if (question.type === 'highlight') fields.push(['unit', '0']);
	if (question.type === 'match') {
		for (const item of question.left!) fields.push([`pair-${item.id}`, question.right![0].id]);
	}
	if (question.type === 'respond') {
		for (const field of question.fields!) fields.push([`field-${field.id}`, field.kind === 'address' ? 'example.org' : 'A sample answer.']);
	}
	return fields;
}
