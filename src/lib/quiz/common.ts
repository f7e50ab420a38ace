import * as v from 'valibot';

export const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'));
export const Text = v.pipe(v.string(), v.trim(), v.nonEmpty());

export const QuotedTextSchema = v.strictObject({
	source: Id,
	text: v.pipe(v.string(), v.nonEmpty()),
	occurrence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});

/** The skills a diagnostic item may measure (`skill:` in questions.yaml; see content/measurement.ts). */
export const SKILLS = [
	'provenance',
	'page-or-article',
	'claim-or-framing',
	'mixed-core',
	'attribution',
	'unattributed-assertion',
	'loaded-language',
	'neutral-rewrite',
	'fact-check',
	'trace-upstream'
] as const;

/** Fields every question has; each type spreads these into its own strict schema. */
export const commonFields = {
	id: Id,
	prompt: Text,
	excerpt: v.optional(QuotedTextSchema),
	explanation: Text,
	/** Required in the diagnostics: which skill the item measures. */
	skill: v.optional(v.picklist(SKILLS))
};

/** Ids that occur more than once in a list. */
export function duplicates(ids: string[]): string[] {
	return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}
