import * as v from 'valibot';
import { commonFields, Id, QuotedTextSchema, Text } from '../../common';
import { unexpectedFields, type Grade, type GradedPart, type PublicBase, type QuestionType } from '../../contract';
import { targetPartId, wrongPartId } from './part-ids';
import { segmentsOf, unitSpans, unitsOfPhrase, type Segment } from './units';

const Phrase = v.strictObject({ text: v.pipe(v.string(), v.nonEmpty()), feedback: Text });

export const HighlightSchema = v.strictObject({
	...commonFields,
	type: v.literal('highlight'),
	unit: v.picklist(['word', 'sentence']),
	passage: QuotedTextSchema,
	targets: v.pipe(v.array(Phrase), v.minLength(1, 'a highlight question needs at least 1 target')),
	decoys: v.optional(v.array(Phrase), []),
	/**
	 * Which layer of the source annotations the key must agree with: `loaded` (targets are loaded
	 * phrases, decoys are not) or `unattributed` (target sentences have no source, decoys have one).
	 */
	checks: v.optional(v.picklist(['loaded', 'unattributed']))
});

export type HighlightQuestion = v.InferOutput<typeof HighlightSchema>;

export interface HighlightPublic extends PublicBase {
	type: 'highlight';
	unit: 'word' | 'sentence';
	source: string;
	segments: Segment[];
	unitCount: number;
	/** What the targets are, when the question says (`checks`): it names them in the learner's feedback. */
	checks: 'loaded' | 'unattributed' | null;
}

/** Indexes of the selected units, ascending. */
export type HighlightResponse = { selected: number[] };

/** Each target and decoy with the unit indexes it covers (content is validated first). */
function phraseUnits(question: HighlightQuestion) {
	const spans = unitSpans(question.passage.text, question.unit);
	const cover = (phrase: { text: string }) => {
		const found = unitsOfPhrase(question.passage.text, spans, phrase.text);
		return found.ok ? found.units : [];
	};
	return {
		spans,
		targets: question.targets.map((t) => ({ ...t, units: cover(t) })),
		decoys: question.decoys.map((d) => ({ ...d, units: cover(d) }))
	};
}

const FALSE_PICK_FEEDBACK = {
	word: 'This word is not one of the ones asked for. Look again at what it says, not how it feels.',
	sentence: 'This sentence is not one of the ones asked for. Look again at what it does.'
};

export const highlight: QuestionType<HighlightQuestion, HighlightPublic, HighlightResponse> = {
	schema: HighlightSchema,

	validate(question, context) {
		const problems: string[] = [];
		const passageProblem = context.findQuote(question.passage);
		if (passageProblem) problems.push(`passage: ${passageProblem}`);
		const spans = unitSpans(question.passage.text, question.unit);
		const claimed = new Map<number, string>();
		const overlaps = new Set<string>();
		for (const [kind, phrases] of [
			['target', question.targets],
			['decoy', question.decoys]
		] as const) {
			for (const phrase of phrases) {
				const found = unitsOfPhrase(question.passage.text, spans, phrase.text);
				if (!found.ok) {
					problems.push(`${kind} "${phrase.text}": ${found.message}`);
					continue;
				}
				for (const unit of found.units) {
					const other = claimed.get(unit);
					if (other !== undefined) {
						overlaps.add(
							other === phrase.text
								? `"${phrase.text}" is listed twice`
								: `${kind} "${phrase.text}" overlaps "${other}"`
						);
					}
					claimed.set(unit, phrase.text);
				}
			}
		}
		problems.push(...overlaps);
		return problems;
	},

	// Units stay in text order: they are the text.
	toPublic(question) {
		const spans = unitSpans(question.passage.text, question.unit);
		return {
			id: question.id,
			type: 'highlight',
			prompt: question.prompt,
			excerpt: question.excerpt ?? null,
			unit: question.unit,
			source: question.passage.source,
			segments: segmentsOf(question.passage.text, spans),
			unitCount: spans.length,
			checks: question.checks ?? null
		};
	},

	parseResponse(form, question) {
		const extra = unexpectedFields(form, (name) => name === 'unit');
		if (extra) return { ok: false, error: extra };
		const values = form.getAll('unit').map(String);
		const selected = new Set<number>();
		for (const value of values) {
			const index = Number(value);
			if (!/^\d+$/.test(value) || index >= question.unitCount) {
				return { ok: false, error: 'Part of that answer is not in this passage. Please reload the page and try again.' };
			}
			selected.add(index);
		}
		if (selected.size === 0) {
			return { ok: false, error: `Select at least one ${question.unit} before checking.` };
		}
		return { ok: true, response: { selected: [...selected].sort((a, b) => a - b) } };
	},

	grade(question, response): Grade {
		const { spans, targets, decoys } = phraseUnits(question);
		const picked = new Set(response.selected);
		const targetUnits = new Set(targets.flatMap((t) => t.units));
		const hits = [...picked].filter((u) => targetUnits.has(u)).length;
		const precision = picked.size === 0 ? 0 : hits / picked.size;
		const recall = targetUnits.size === 0 ? 0 : hits / targetUnits.size;
		const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

		const parts: GradedPart[] = targets.map((target) => {
			const got = target.units.filter((u) => picked.has(u)).length;
			const verdict = got === 0 ? 'missed' : got === target.units.length ? 'correct' : 'partial';
			return { id: targetPartId(target.units), verdict, feedback: target.feedback };
		});
		// Wrong picks: grouped by decoy where one was written, otherwise unit by unit.
		const reported = new Set<number>();
		for (const decoy of decoys) {
			const wrong = decoy.units.filter((u) => picked.has(u));
			if (wrong.length === 0) continue;
			wrong.forEach((u) => reported.add(u));
			parts.push({ id: wrongPartId(wrong), verdict: 'incorrect', feedback: decoy.feedback });
		}
		for (const unit of picked) {
			if (targetUnits.has(unit) || reported.has(unit)) continue;
			const text = question.passage.text.slice(spans[unit].start, spans[unit].end);
			parts.push({ id: wrongPartId([unit]), verdict: 'incorrect', feedback: `“${text}”: ${FALSE_PICK_FEEDBACK[question.unit]}` });
		}
		return { earned: f1, total: 1, parts, measures: { precision, recall, f1 } };
	},

	responsePath: '$.selected',

	/** Neutral words picked as loaded: the decoys of questions tied to the loaded-words layer. */
	discernment(question, response) {
		if (question.checks !== 'loaded') return { neutral: 0, flagged: 0, framed: 0, missed: 0 };
		const { decoys, targets } = phraseUnits(question);
		const decoyUnits = decoys.flatMap((d) => d.units);
		const targetUnits = targets.flatMap((t) => t.units);
		const picked = new Set(response.selected);
		return {
			neutral: decoyUnits.length,
			flagged: decoyUnits.filter((u) => picked.has(u)).length,
			framed: targetUnits.length,
			missed: targetUnits.filter((u) => !picked.has(u)).length
		};
	},

	/** The most-missed target words and the most wrongly picked ones, with how many did so. */
	summarize(question, counts, attempts) {
		const { spans, targets } = phraseUnits(question);
		const targetUnits = new Set(targets.flatMap((t) => t.units));
		const textOf = (unit: number) => question.passage.text.slice(spans[unit].start, spans[unit].end);
		const picks = (unit: number) => counts.get(String(unit)) ?? 0;
		const missed = [...targetUnits]
			.map((unit) => ({ label: textOf(unit), count: attempts - picks(unit), correct: true }))
			.sort((a, b) => b.count - a.count);
		const wrong = spans
			.map((_, unit) => unit)
			.filter((unit) => !targetUnits.has(unit) && picks(unit) > 0)
			.map((unit) => ({ label: textOf(unit), count: picks(unit), correct: false }))
			.sort((a, b) => b.count - a.count)
			.slice(0, 8);
		return [
			{ title: 'Most missed (right answers not picked)', rows: missed },
			{ title: 'Most wrongly picked', rows: wrong }
		];
	}
};
