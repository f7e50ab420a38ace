import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceQuestion } from '../../quiz/types/choice';
import type { ClassifyQuestion } from '../../quiz/types/classify';
import type { HighlightQuestion } from '../../quiz/types/highlight';
import { unitSpans, unitsOfPhrase } from '../../quiz/types/highlight/units';
import type { MatchQuestion } from '../../quiz/types/match';
import { buildCourse, type Course } from '../content/course';
import { abbreviate } from '../content/errors';
import { facilityBand, firstSentence, itemAdvice, reviewReason, shownNumber, statisticLines } from './item-advice';
import { columnStatistics, MIN_FIRST_ATTEMPTS, statisticallyDubious, type ItemStatistics } from './item-stats';

let course: Course;
const ofType = <Q>(type: string, where: (q: Q) => boolean = () => true) => {
	const found = [...course.questions.values()].find((q) => q.type === type && where(q.definition as Q))!;
	return { question: found, definition: found.definition as Q };
};
/** Statistics as the analysis gives them, with the figures a test needs. */
const stats = (over: Partial<ItemStatistics>): ItemStatistics => {
	const base = { itemId: 'q', attempts: 25, facility: 50, sd: 40, discrimination: 35, efficiency: 60, ...over };
	const enoughAnswers = base.attempts >= MIN_FIRST_ATTEMPTS;
	return { ...base, enoughAnswers, flagged: enoughAnswers && statisticallyDubious(base), ...over };
};
const quoted = (text: string) => `“${abbreviate(text.replace(/\s+/g, ' ').trim(), 70)}”`;

beforeAll(async () => {
	course = await buildCourse(resolve('lessons'));
});

describe('itemAdvice: what the first answers say, in words', () => {
	it('judges nothing on fewer than 10 first attempts: "not enough answers yet", no advice and no flag', () => {
		const { question } = ofType<ChoiceQuestion>('choice');
		const advice = itemAdvice(question, stats({ attempts: 7, facility: 10, discrimination: -50, efficiency: -80 }), new Map());
		expect(advice).toEqual({
			band: 'few',
			summary: 'Not enough answers yet: 7 of the 10 first tries needed before this question is judged.',
			action: null,
			review: null
		});
	});

	it('names the wrong option most students chose, the right one, and what its feedback says to go over', () => {
		const { question, definition } = ofType<ChoiceQuestion>('choice', (d) => !d.multiple && d.options.length >= 3);
		const right = definition.options.find((o) => o.correct)!;
		const [wrong, other] = definition.options.filter((o) => !o.correct);
		const counts = new Map([[wrong.id, 14], [right.id, 8], [other.id, 3]]);
		const advice = itemAdvice(question, stats({ facility: 32 }), counts);
		expect(advice.band).toBe('hard');
		expect(advice.summary).toBe('Hard for this class (average 32 out of 100).');
		expect(advice.action).toBe(
			`Most students (14 of 25) chose ${quoted(wrong.text)} instead of ${quoted(right.text)}. Go over why it is wrong: ${firstSentence(wrong.feedback)}`
		);
		// Fewer than half: said as a count.
		const some = itemAdvice(question, stats({ facility: 60 }), new Map([[wrong.id, 6], [right.id, 19]]));
		expect(some.summary).toBe('The class is split on this one (average 60 out of 100).');
		expect(some.action).toMatch(/^6 of 25 students chose /);
	});

	it('names the commonest mix-up of labels in a classify question, and the difference to revisit', () => {
		const { question, definition } = ofType<ClassifyQuestion>('classify');
		const item = definition.items[1];
		const wrong = definition.labels.find((l) => l.id !== item.label)!;
		const right = definition.labels.find((l) => l.id === item.label)!;
		const counts = new Map([[`${item.id}=${wrong.id}`, 11], [`${item.id}=${right.id}`, 14], [`${definition.items[0].id}=${wrong.id}`, 3]]);
		const { action } = itemAdvice(question, stats({ facility: 55 }), counts);
		expect(action).toBe(
			`11 of 25 students labelled ${quoted(item.text)} “${wrong.text}”; it is “${right.text}”. ` +
				`Revisit the difference between ${wrong.text.toLowerCase()} and ${right.text.toLowerCase()}: ${firstSentence(item.feedback)}`
		);
	});

	it('names the wrong pairing most made in a match question', () => {
		const { question, definition } = ofType<MatchQuestion>('match');
		const item = definition.left[0];
		const wrong = definition.right.find((r) => r.id !== item.match)!;
		const right = definition.right.find((r) => r.id === item.match)!;
		const { action } = itemAdvice(question, stats({ facility: 45 }), new Map([[`${item.id}=${wrong.id}`, 13]]));
		expect(action).toBe(`Most students (13 of 25) paired ${quoted(item.text)} with ${quoted(wrong.text)} instead of ${quoted(right.text)}. Go over it: ${firstSentence(item.feedback)}`);
	});

	it('names the phrase most missed in a highlight question', () => {
		const { question, definition } = ofType<HighlightQuestion>('highlight');
		const spans = unitSpans(definition.passage.text, definition.unit);
		const units = definition.targets.map((t) => {
			const found = unitsOfPhrase(definition.passage.text, spans, t.text);
			return found.ok ? found.units : [];
		});
		// Everyone marked every target but the first, which 18 of 25 left out (7 marked it).
		const counts = new Map<string, number>();
		units.forEach((list, i) => list.forEach((u) => counts.set(String(u), i === 0 ? 7 : 25)));
		const { action } = itemAdvice(question, stats({ facility: 40 }), counts);
		expect(action).toBe(`Most students (18 of 25) missed ${quoted(definition.targets[0].text)}. Go over it: ${firstSentence(definition.targets[0].feedback)}`);
	});

	it('says there is nothing to reteach when the class did well and no wrong answer stands out', () => {
		const { question, definition } = ofType<ChoiceQuestion>('choice', (d) => !d.multiple);
		const wrong = definition.options.find((o) => !o.correct)!;
		const advice = itemAdvice(question, stats({ facility: 92 }), new Map([[wrong.id, 2]]));
		expect(advice).toMatchObject({ band: 'easy', summary: 'Most of the class got this right (average 92 out of 100).', action: 'No common mistake: nothing to reteach here.' });
	});
});

describe('statistics in words that agree with the numbers shown', () => {
	it('never says students who do well do worse beside a discrimination shown as 0', () => {
		const nearZero = stats({ discrimination: -0.3, efficiency: -2 });
		expect(nearZero.flagged).toBe(true); // efficiency under 15%
		expect(shownNumber(nearZero.discrimination)).toBe('0');
		expect(reviewReason(nearZero)).not.toMatch(/worse/);
		expect(reviewReason(nearZero)).toContain('efficiency −2%');
		const line = statisticLines(nearZero).find((l) => l.name === 'Discrimination')!;
		expect(line.value).toBe('0');
		expect(line.sentence).toContain('Close to zero');
		expect(line.sentence).not.toMatch(/worse/);

		const negative = stats({ discrimination: -12.4, efficiency: -30 });
		expect(reviewReason(negative)).toBe(
			'Students who do well on the rest of the course do worse on this question (discrimination −12): check the answer key and the wording.'
		);
		expect(statisticLines(negative).find((l) => l.name === 'Discrimination')!.sentence).toContain('Below zero');
	});

	it('explains each statistic in a sentence, and says when one cannot be worked out', () => {
		const lines = statisticLines(columnStatistics('q', [1, 1, 1], [2, 1, 0]));
		expect(lines.map((l) => [l.name, l.value])).toEqual([
			['Facility', '100'],
			['Spread (SD)', '0'],
			['Discrimination', '—'],
			['Efficiency', '—']
		]);
		expect(lines.every((l) => l.sentence.length > 20)).toBe(true);
		expect(lines[2].sentence).toContain('cannot be worked out');
	});

	it('bands facility: under 50 hard, to 80 mixed, from 80 easy, and nothing under 10 answers', () => {
		expect([9, 10, 10, 10].map((attempts, i) => facilityBand({ attempts, facility: [95, 49.9, 50, 80][i] }))).toEqual(['few', 'hard', 'mixed', 'easy']);
	});
});
