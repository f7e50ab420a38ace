import { describe, expect, it } from 'vitest';
import { unitSpans, unitsOfPhrase } from '../../quiz/types/highlight/units';
import { annotatedSentences, type AnnotationEntry } from './annotate';
import { checkPractice, neutralDecoys, proposePractice, spread } from './generate';
import { checkTextForm, classTextSource, numberedSentences } from './source';

const TEXT = [
	'Council shuts library',
	'The council voted 5 to 4 on Monday to close the Elm Street library. The mayor, Ana Ruiz, said the building needs repairs costing £2 million. Critics say the decision is a shameful betrayal of working families.',
	'The library opened in 1962. Officials said a mobile service would replace it. This reckless plan will gut the heart of the town.',
	'A council spokesperson, who asked not to be named, said staff would be moved to other branches.'
].join('\n');

function build() {
	const checked = checkTextForm(
		{ title: 'Council shuts library', outlet: 'The Example', outletAbout: 'A local paper.', author: '', published: '2026-03-02', estimated: '', clue: '', url: '', genre: 'news rewrite' },
		TEXT,
		'library-2026'
	);
	if (!checked.ok) throw new Error('form');
	const built = classTextSource(checked.provenance, checked.text);
	if (!built.ok) throw new Error(JSON.stringify(built.issues));
	return { source: built.source, sentences: numberedSentences(built.source) };
}

const { source, sentences } = build();
const entry = (sentence: string, kind: AnnotationEntry['kind'], attribution: AnnotationEntry['attribution'], loaded: string[] = [], speaker?: string): AnnotationEntry => ({
	sentence,
	kind,
	attribution,
	...(speaker ? { speaker } : {}),
	loaded,
	note: `Note on: ${sentence.slice(0, 20)}`
});
const ENTRIES: AnnotationEntry[] = [
	entry('Council shuts library', 'claim', 'none'),
	entry('The council voted 5 to 4 on Monday to close the Elm Street library.', 'claim', 'none'),
	entry('The mayor, Ana Ruiz, said the building needs repairs costing £2 million.', 'claim', 'named', [], 'Ana Ruiz, the mayor'),
	entry('Critics say the decision is a shameful betrayal of working families.', 'framing', 'vague', ['shameful betrayal'], 'critics'),
	entry('The library opened in 1962.', 'claim', 'none'),
	entry('Officials said a mobile service would replace it.', 'claim', 'vague', [], 'officials'),
	entry('This reckless plan will gut the heart of the town.', 'framing', 'none', ['reckless', 'gut the heart']),
	entry('A council spokesperson, who asked not to be named, said staff would be moved to other branches.', 'claim', 'anonymous', [], 'a council spokesperson')
];
const annotated = annotatedSentences(ENTRIES, sentences);

describe('proposing a practice set from the annotation', () => {
	const { questions, notes } = proposePractice(source, annotated);
	const byId = new Map(questions.map((q) => [q.id, q as Record<string, unknown>]));

	it('passes the course’s own question checks and agrees with the annotation', () => {
		expect(checkPractice(source, questions, annotated)).toEqual([]);
		expect([...byId.keys()]).toEqual(['claim-or-framing', 'who-says-so', 'no-source', 'loaded-words-1', 'loaded-words-2']);
		expect(notes).toEqual([]);
	});

	it('samples plain claims and framed sentences in equal numbers', () => {
		const items = byId.get('claim-or-framing')!.items as { label: string }[];
		const claims = items.filter((i) => i.label === 'claim').length;
		expect(claims).toBe(2); // only two framed sentences, so two plain claims beside them
		expect(items.length - claims).toBe(2);
	});

	it('takes the sources question across every kind of source present', () => {
		const labels = new Set((byId.get('who-says-so')!.items as { label: string }[]).map((i) => i.label));
		expect(labels).toEqual(new Set(['named', 'anonymous', 'vague', 'none']));
	});

	it('asks for the sentences with no source in a passage that also has sourced ones', () => {
		const q = byId.get('no-source')! as { targets: { text: string }[]; decoys: { text: string }[]; passage: { text: string } };
		const inPassage = annotated.filter((a) => q.passage.text.includes(a.sentence));
		expect(inPassage.length).toBeGreaterThanOrEqual(2);
		expect(q.targets.map((t) => t.text)).toEqual(inPassage.filter((a) => a.attribution === 'none').map((a) => a.sentence));
		expect(q.decoys.map((t) => t.text)).toEqual(inPassage.filter((a) => a.attribution !== 'none').map((a) => a.sentence));
		expect(q.targets.length * q.decoys.length).toBeGreaterThan(0);
	});

	it('offers neutral decoys from the same sentence that never overlap a loaded phrase', () => {
		for (const id of ['loaded-words-1', 'loaded-words-2']) {
			const q = byId.get(id)! as { passage: { text: string }; targets: { text: string }[]; decoys: { text: string }[] };
			const spans = unitSpans(q.passage.text, 'word');
			const units = (t: { text: string }) => {
				const found = unitsOfPhrase(q.passage.text, spans, t.text);
				if (!found.ok) throw new Error(found.message);
				return found.units;
			};
			const targetUnits = new Set(q.targets.flatMap(units));
			expect(q.decoys.length).toBeGreaterThan(0);
			for (const decoy of q.decoys) for (const u of units(decoy)) expect(targetUnits.has(u)).toBe(false);
		}
	});

	it('says why a kind of question is missing when the annotation cannot support it', () => {
		const onlyClaims = annotatedSentences(ENTRIES.filter((e) => e.kind === 'claim' && e.loaded.length === 0).slice(0, 3), sentences);
		const proposal = proposePractice(source, onlyClaims);
		expect(proposal.notes.some((n) => n.includes('cannot show over-flagging') || n.includes('only plain claims'))).toBe(true);
		expect(proposal.notes.some((n) => n.includes('loaded-words'))).toBe(true);
		expect(checkPractice(source, proposal.questions, onlyClaims)).toEqual([]);
	});
});

describe('neutral decoys', () => {
	it('skip words inside loaded phrases, short words and words that occur twice', () => {
		const decoys = neutralDecoys('The bold plan is a bold and reckless gamble with public money.', ['reckless gamble']);
		expect(decoys).not.toContain('reckless');
		expect(decoys).not.toContain('gamble');
		expect(decoys).not.toContain('bold');
		expect(decoys).not.toContain('The');
		expect(decoys.length).toBe(2);
	});
});

describe('checking a set', () => {
	it('reports a key that contradicts the annotation, by question id', () => {
		const { questions } = proposePractice(source, annotated);
		const edited = structuredClone(questions) as { id: string; items?: { label: string }[] }[];
		edited[0].items![0].label = edited[0].items![0].label === 'claim' ? 'framing' : 'claim';
		const issues = checkPractice(source, edited, annotated);
		expect(issues.map((i) => i.id)).toEqual(['claim-or-framing']);
	});

	it('reports a quote that is not in the text', () => {
		const { questions } = proposePractice(source, annotated);
		const edited = structuredClone(questions) as { items?: { text: string }[] }[];
		edited[0].items![0].text = 'Words that are not in the text.';
		expect(checkPractice(source, edited, annotated)[0].message).toContain('quote not found');
	});
});

describe('spread', () => {
	it('picks evenly, first and last included', () => {
		expect(spread([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([1, 4, 7]);
		expect(spread([1, 2], 5)).toEqual([1, 2]);
	});
});
