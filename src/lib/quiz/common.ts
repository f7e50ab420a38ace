import * as v from 'valibot';

export const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'));
export const Text = v.pipe(v.string(), v.trim(), v.nonEmpty());

export const QuotedTextSchema = v.strictObject({
	source: Id,
	text: v.pipe(v.string(), v.nonEmpty()),
	occurrence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});

/** Fields every question has; each type spreads these into its own strict schema. */
export const commonFields = {
	id: Id,
	prompt: Text,
	excerpt: v.optional(QuotedTextSchema),
	explanation: Text
};

/** Ids that occur more than once in a list. */
export function duplicates(ids: string[]): string[] {
	return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}
