// Reads a lesson's authored questions (with keys) so browser tests can answer right or wrong.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { unitSpans, unitsOfPhrase } from '../../src/lib/quiz/types/highlight/units';

export interface AuthoredQuestion {
	id: string;
	type: 'choice' | 'classify' | 'highlight' | 'match' | 'respond';
	prompt: string;
	explanation: string;
	options?: { id: string; text: string; correct: boolean; feedback: string }[];
	labels?: { id: string; text: string }[];
	items?: { id: string; text: string; label: string; feedback: string }[];
	unit?: 'word' | 'sentence';
	passage?: { text: string };
	targets?: { text: string; feedback: string }[];
	decoys?: { text: string; feedback: string }[];
	left?: { id: string; text: string; match: string; feedback: string }[];
	right?: { id: string; text: string }[];
	fields?: { id: string; label: string; maxLength: number; kind?: 'text' | 'address' }[];
	modelAnswers?: string[];
	selfCheck?: { id: string; text: string }[];
	rubric?: { score: number; label: string; descriptor: string }[];
	checks?: { offPage?: { field: string; checkedSites: string[] } };
}

export function lessonQuestions(dir: string): AuthoredQuestion[] {
	return parse(readFileSync(resolve('lessons', dir, 'questions.yaml'), 'utf8'));
}

export function questionById(dir: string, id: string): AuthoredQuestion {
	const question = lessonQuestions(dir).find((q) => q.id === id);
	if (!question) throw new Error(`no question ${id} in ${dir}`);
	return question;
}

/** Unit indexes of the targets of a highlight question (the right selection). */
export function targetUnits(question: AuthoredQuestion): number[] {
	const spans = unitSpans(question.passage!.text, question.unit!);
	return question.targets!.flatMap((t) => {
		const found = unitsOfPhrase(question.passage!.text, spans, t.text);
		if (!found.ok) throw new Error(found.message);
		return found.units;
	});
}

/** A wrong but valid selection: the first decoy if there is one, else the first non-target unit. */
export function wrongUnits(question: AuthoredQuestion): number[] {
	const spans = unitSpans(question.passage!.text, question.unit!);
	const decoy = question.decoys?.[0];
	if (decoy) {
		const found = unitsOfPhrase(question.passage!.text, spans, decoy.text);
		if (found.ok) return found.units;
	}
	const targets = new Set(targetUnits(question));
	return [spans.findIndex((_, i) => !targets.has(i))];
}
