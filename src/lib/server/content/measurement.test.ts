import { describe, expect, it } from 'vitest';
import type { Source } from '../../content/types';
import { inBlocks, keyIsLongest, measurementIssues, measurementReport, reservedPassageClashes } from './measurement';
import type { LoadedQuestion } from './questions';

const TEXT = 'First plain sentence here. Second framed sentence here. Third sentence, never quoted.';
const source: Source = {
	id: 's',
	text: TEXT,
	paragraphs: [{ n: 1, start: 0, end: TEXT.length, text: TEXT, region: 'body' }]
} as unknown as Source;
const sources = new Map([['s', source]]);

function question(file: string, definition: Record<string, unknown>): LoadedQuestion {
	return { file, lessonDir: file.split('/')[0], type: definition.type, definition, version: 'v' } as unknown as LoadedQuestion;
}

const choice = (id: string, key: string, others: string[], extra: Record<string, unknown> = {}) =>
	question(`01-x/questions.yaml`, {
		id,
		type: 'choice',
		prompt: 'Which one?',
		explanation: 'E',
		multiple: false,
		options: [{ id: 'k', text: key, correct: true, feedback: 'f' }, ...others.map((text, i) => ({ id: `o${i}`, text, correct: false, feedback: 'f' }))],
		...extra
	});

const attribution = (id: string, file: string, labels: string[], itemLabel: string, text: string, skill = 'attribution') =>
	question(file, {
		id,
		type: 'classify',
		skill,
		prompt: 'Who is the source?',
		explanation: 'E',
		labels: labels.map((l) => ({ id: l, text: l })),
		items: [{ id: 'a', source: 's', text, label: itemLabel, feedback: 'f' }]
	});

const lesson = (slug: string, diagnostic: 'before' | 'after' | null, questionIds: string[], quotes: { source: string; start: number; end: number }[] = []) => ({
	slug,
	file: `${slug}/lesson.md`,
	diagnostic,
	questionIds,
	quotes
});

describe('keyIsLongest', () => {
	it('counts a tie with the longest as longest', () => {
		expect(keyIsLongest([{ id: 'a', text: 'four', correct: true }, { id: 'b', text: 'five', correct: false }])).toBe(true);
		expect(keyIsLongest([{ id: 'a', text: 'four', correct: true }, { id: 'b', text: 'longer', correct: false }])).toBe(false);
	});
});

describe('inBlocks', () => {
	it('finds labels that follow the order of the items in blocks', () => {
		expect(inBlocks(['claim', 'claim', 'framing', 'framing', 'mixed'])).toBe(true);
		expect(inBlocks(['claim', 'framing', 'claim', 'mixed'])).toBe(false);
		expect(inBlocks(['claim', 'claim', 'claim'])).toBe(false);
	});
});

describe('measurementIssues', () => {
	it('names every question whose key is longest when more than a third of them are', () => {
		const qs = [choice('q1', 'the longest option', ['short']), choice('q2', 'a long right one', ['tiny']), choice('q3', 'key', ['a longer one'])];
		const issues = measurementIssues([lesson('01-x', null, ['q1', 'q2', 'q3'])], new Map(qs.map((q) => [q.definition.id, q])), sources);
		expect(issues.map((i) => i.id)).toEqual(['q1', 'q2']);
		expect(issues[0].message).toContain('2 of 3');
		expect(measurementReport([lesson('01-x', null, ['q1', 'q2', 'q3'])], new Map(qs.map((q) => [q.definition.id, q]))).authoredKeyPositions).toEqual([3]);
	});

	it('names a prompt that contains its own right answer', () => {
		const q = choice('q1', 'mixed', ['a claim', 'plain framing'], { prompt: 'This sentence is mixed. What is it?' });
		const issues = measurementIssues([lesson('01-x', null, ['q1'])], new Map([['q1', q]]), sources);
		expect(issues).toEqual([expect.objectContaining({ id: 'q1', message: expect.stringContaining('gives away its own answer') })]);
	});

	it('requires skills, parallel shapes and an anonymous-or-vague attribution question in both diagnostics', () => {
		const before = attribution('b1', '00-before/questions.yaml', ['named', 'anonymous', 'vague'], 'anonymous', 'First plain sentence here.');
		const after = attribution('a1', '10-after/questions.yaml', ['named', 'vague'], 'vague', 'Third sentence, never quoted.');
		const noSkill = attribution('a2', '10-after/questions.yaml', ['named', 'anonymous'], 'named', 'Third sentence, never quoted.', undefined as unknown as string);
		delete (noSkill.definition as Record<string, unknown>).skill;
		const qs = new Map([before, after, noSkill].map((q) => [q.definition.id, q]));
		const issues = measurementIssues([lesson('00-before', 'before', ['b1']), lesson('10-after', 'after', ['a1', 'a2'])], qs, sources);
		const messages = issues.map((i) => `${i.id}: ${i.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^a2: a diagnostic question needs a skill/),
				expect.stringMatching(/^10-after: a diagnostic needs an attribution question that offers "anonymous"/),
				expect.stringMatching(/^attribution: the diagnostics measure "attribution" differently/)
			])
		);
		expect(messages.some((m) => m.startsWith('00-before:'))).toBe(false);
	});
});

describe('reservedPassageClashes', () => {
	it('names an after-check passage that another lesson quotes, in the prose or a question, by whole sentence', () => {
		const after = attribution('a1', '10-after/questions.yaml', ['named', 'vague'], 'vague', 'framed sentence');
		const other = attribution('t1', '04-taught/questions.yaml', ['named', 'vague'], 'vague', 'Second framed');
		const free = attribution('a2', '10-after/questions.yaml', ['named', 'vague'], 'vague', 'never quoted');
		const qs = new Map([after, other, free].map((q) => [q.definition.id, q]));
		const lessons = [lesson('04-taught', null, ['t1']), lesson('10-after', 'after', ['a1', 'a2'])];
		expect(reservedPassageClashes(lessons, qs, sources).map((i) => i.id)).toEqual(['a1']);
		// A quote in a lesson's prose counts too.
		const prose = [lesson('04-taught', null, [], [{ source: 's', start: 60, end: 65 }]), lesson('10-after', 'after', ['a2'])];
		expect(reservedPassageClashes(prose, qs, sources).map((i) => i.id)).toEqual(['a2']);
	});
});

describe('written answers and the diagnostics', () => {
	it('keeps respond questions out of lessons 00 and 10', () => {
		const written = question('00-before/questions.yaml', { id: 'w', type: 'respond', skill: 'neutral-rewrite', prompt: 'Rewrite it.', explanation: 'E', fields: [] });
		const before = attribution('b', '00-before/questions.yaml', ['named', 'anonymous'], 'anonymous', 'First plain sentence here.');
		const after = attribution('a', '10-after/questions.yaml', ['named', 'anonymous'], 'anonymous', 'Second framed sentence here.');
		const questions = new Map([
			['w', written],
			['b', before],
			['a', after]
		]);
		const issues = measurementIssues([lesson('before', 'before', ['b', 'w']), lesson('after', 'after', ['a'])], questions, sources);
		expect(issues).toContainEqual({ file: '00-before/questions.yaml', id: 'w', message: 'respond questions do not belong in the diagnostics (lessons 00 and 10)' });
	});
});
