import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { duplicates } from '../../quiz/common';
import type { ContentIssue } from './errors';
import { describeValibotIssues } from './validation';

const GlossarySchema = v.array(
	v.strictObject({
		id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens')),
		term: v.pipe(v.string(), v.trim(), v.nonEmpty()),
		definition: v.pipe(v.string(), v.trim(), v.nonEmpty())
	})
);

export type GlossaryEntry = v.InferOutput<typeof GlossarySchema>[number];

/** Reads `lessons/glossary.yaml`, sorted by term. A course may have no glossary. */
export function loadGlossary(lessonsDir: string, issues: ContentIssue[]): GlossaryEntry[] {
	const file = 'glossary.yaml';
	const path = join(lessonsDir, file);
	if (!existsSync(path)) return [];
	let raw: unknown;
	try {
		raw = parseYaml(readFileSync(path, 'utf8'));
	} catch (error) {
		issues.push({ file, id: null, message: `not valid YAML: ${(error as Error).message}` });
		return [];
	}
	const parsed = v.safeParse(GlossarySchema, raw);
	if (!parsed.success) {
		for (const message of describeValibotIssues(parsed.issues)) issues.push({ file, id: null, message });
		return [];
	}
	for (const id of duplicates(parsed.output.map((entry) => entry.id))) {
		issues.push({ file, id, message: 'term defined twice' });
	}
	return [...parsed.output].sort((a, b) => a.term.localeCompare(b.term));
}
