// Questions and annotations must agree: a classify key or a highlight key that contradicts the
// annotation of the same sentence is a content error in one of them.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SentenceAnnotation } from '../../content/types';
import { buildCourse } from './course';

const course = await buildCourse(resolve('lessons'));
const KINDS = new Set(['claim', 'framing', 'mixed']);
const ATTRIBUTIONS = new Set(['named', 'anonymous', 'vague', 'none']);

interface ClassifyDefinition {
	id: string;
	labels: { id: string }[];
	items: { id: string; source: string; text: string; label: string }[];
}

interface HighlightDefinition {
	id: string;
	type: string;
	passage: { source: string; text: string };
	targets: { text: string }[];
	decoys: { text: string }[];
	checks?: 'loaded' | 'unattributed';
}

function annotationOf(source: string, sentence: string): SentenceAnnotation | undefined {
	return course.annotations.get(source)?.find((a) => a.sentence === sentence);
}

/** Annotated sentences of the source that contain the phrase, or that the phrase contains. */
function sentencesAround(source: string, passage: string, phrase: string): SentenceAnnotation[] {
	return (course.annotations.get(source) ?? []).filter(
		(a) => passage.includes(a.sentence) || a.sentence.includes(passage)
	).filter((a) => a.sentence.includes(phrase) || phrase.includes(a.sentence));
}

describe('annotations', () => {
	it('cover both article texts', () => {
		expect(course.annotations.get('defapress-2026')?.length).toBeGreaterThan(30);
		expect(course.annotations.get('gae-2023')?.length).toBeGreaterThan(30);
	});
});

describe('classify keys agree with the annotations of whole sentences', () => {
	const questions = [...course.questions.values()].filter((q) => q.type === 'classify');
	for (const question of questions) {
		const definition = question.definition as unknown as ClassifyDefinition;
		const labelIds = definition.labels.map((l) => l.id);
		const layer = labelIds.every((l) => KINDS.has(l)) ? 'kind' : labelIds.every((l) => ATTRIBUTIONS.has(l)) ? 'attribution' : null;
		if (!layer) continue;
		it(`${definition.id} (${layer})`, () => {
			for (const item of definition.items) {
				const annotation = annotationOf(item.source, item.text);
				if (!annotation) continue; // a phrase or part of a sentence: no sentence-level label to compare
				expect(item.label, `${definition.id} item ${item.id}: “${item.text}”`).toBe(annotation[layer]);
			}
		});
	}
});

describe('highlight keys agree with the annotation layer they name', () => {
	const questions = [...course.questions.values()]
		.filter((q) => q.type === 'highlight')
		.map((q) => q.definition as unknown as HighlightDefinition)
		// Written (respond) questions have checks too, of another shape: only highlight keys here.
		.filter((d) => d.type === 'highlight' && d.checks !== undefined);
	it('at least one highlight question is tied to each layer', () => {
		expect(new Set(questions.map((q) => q.checks))).toEqual(new Set(['loaded', 'unattributed']));
	});
	for (const question of questions) {
		it(`${question.id} (${question.checks})`, () => {
			const { source, text: passage } = question.passage;
			for (const target of question.targets) {
				const around = sentencesAround(source, passage, target.text);
				expect(around.length, `${question.id}: “${target.text}” is in an annotated sentence`).toBeGreaterThan(0);
				if (question.checks === 'loaded') {
					const loaded = around.flatMap((a) => a.loaded);
					// Within an annotated phrase, never wider: a target that takes in plain words around the
					// loaded ones would teach that those words are loaded too.
					expect(
						loaded.some((phrase) => phrase.includes(target.text)),
						`${question.id}: target “${target.text}” lies within a phrase annotated as loaded (${loaded.join(' | ')})`
					).toBe(true);
				} else {
					for (const a of around) expect(a.attribution, `${question.id}: “${a.sentence}”`).toBe('none');
				}
			}
			for (const decoy of question.decoys) {
				const around = sentencesAround(source, passage, decoy.text);
				if (question.checks === 'loaded') {
					const loaded = around.flatMap((a) => a.loaded);
					expect(
						loaded.some((phrase) => phrase.includes(decoy.text) || decoy.text.includes(phrase)),
						`${question.id}: decoy “${decoy.text}” is not annotated as loaded`
					).toBe(false);
				} else {
					for (const a of around) expect(a.attribution, `${question.id}: “${a.sentence}”`).not.toBe('none');
				}
			}
		});
	}
});
