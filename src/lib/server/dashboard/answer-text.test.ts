import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceQuestion } from '../../quiz/types/choice';
import type { ClassifyQuestion } from '../../quiz/types/classify';
import type { HighlightQuestion } from '../../quiz/types/highlight';
import { unitSpans, unitsOfPhrase } from '../../quiz/types/highlight/units';
import type { MatchQuestion } from '../../quiz/types/match';
import { buildCourse, type Course } from '../content/course';
import { answerText } from './answer-text';

let course: Course;
const ofType = <Q>(type: string, where: (q: Q) => boolean = () => true) => {
	const found = [...course.questions.values()].find((q) => q.type === type && where(q.definition as Q))!;
	return { question: found, definition: found.definition as Q };
};

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
});

describe('answerText: a stored answer in the words the student saw', () => {
	it('writes the chosen options’ texts, not their ids', () => {
		const { question, definition } = ofType<ChoiceQuestion>('choice');
		const [a, b] = definition.options;
		expect(answerText(question, JSON.stringify({ selected: [a.id] }))).toBe(a.text);
		expect(answerText(question, JSON.stringify({ selected: [a.id, b.id] }))).toBe(`${a.text} | ${b.text}`);
	});

	it('writes each excerpt with the label chosen for it', () => {
		const { question, definition } = ofType<ClassifyQuestion>('classify');
		const labels = Object.fromEntries(definition.items.map((item, i) => [item.id, definition.labels[i % definition.labels.length].id]));
		const text = answerText(question, JSON.stringify({ labels }));
		const first = definition.items[0];
		expect(text.split(' | ')).toHaveLength(definition.items.length);
		expect(text.startsWith(`“${first.text.replace(/\s+/g, ' ').trim()}”: ${definition.labels[0].text}`)).toBe(true);
		expect(text).not.toContain(`: ${definition.labels[0].id} `);
	});

	it('writes each pair as the two texts', () => {
		const { question, definition } = ofType<MatchQuestion>('match');
		const pairs = Object.fromEntries(definition.left.map((item) => [item.id, item.match]));
		const rightText = (id: string) => definition.right.find((r) => r.id === id)!.text;
		expect(answerText(question, JSON.stringify({ pairs }))).toBe(definition.left.map((l) => `${l.text} → ${rightText(l.match)}`).join(' | '));
	});

	it('writes the marked words, neighbours joined into the phrase they make', () => {
		const { question, definition } = ofType<HighlightQuestion>('highlight', (d) => d.unit === 'word' && d.targets.some((t) => t.text.includes(' ')));
		const spans = unitSpans(definition.passage.text, 'word');
		const phrase = definition.targets.find((t) => t.text.includes(' '))!;
		const found = unitsOfPhrase(definition.passage.text, spans, phrase.text);
		if (!found.ok) throw new Error('the target is not in its passage');
		// The phrase's words, and one word far from it.
		const far = found.units[0] > 3 ? 0 : spans.length - 1;
		const lone = definition.passage.text.slice(spans[far].start, spans[far].end);
		const text = answerText(question, JSON.stringify({ selected: [...found.units, far].sort((a, b) => a - b) }));
		expect(text.split(' | ').sort()).toEqual([`“${phrase.text}”`, `“${lone}”`].sort());
	});

	it('keeps ids the question no longer has, and the stored text when it cannot be read', () => {
		const { question, definition } = ofType<ChoiceQuestion>('choice');
		expect(answerText(question, JSON.stringify({ selected: [definition.options[0].id, 'gone'] }))).toBe(`${definition.options[0].text} | [gone]`);
		expect(answerText(question, 'not json')).toBe('not json');
		expect(answerText(undefined, '{"selected":["a"]}')).toBe('{"selected":["a"]}');
	});
});
