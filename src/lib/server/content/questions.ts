import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import type { Source } from '../../content/types';
import { abbreviate, type ContentIssue } from './errors';
import { findQuote } from './paragraphs';
import { describeValibotIssues } from './validation';

const QuotedExcerpt = v.strictObject({
	source: v.pipe(v.string(), v.nonEmpty()),
	text: v.pipe(v.string(), v.nonEmpty()),
	occurrence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});

/** What every question has, whatever its type; each type validates the rest of its fields. */
const QuestionBase = v.looseObject({
	id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens')),
	type: v.pipe(v.string(), v.nonEmpty()),
	prompt: v.pipe(v.string(), v.trim(), v.nonEmpty()),
	excerpt: v.optional(QuotedExcerpt)
});

export type RawQuestion = v.InferOutput<typeof QuestionBase>;

export interface LoadedQuestion {
	file: string;
	lessonDir: string;
	definition: RawQuestion;
}

/** Reads `<dir>/questions.yaml` (a YAML list of questions). A lesson may have none yet. */
export function loadQuestions(
	lessonsDir: string,
	dir: string,
	sources: Map<string, Source>,
	issues: ContentIssue[]
): LoadedQuestion[] {
	const file = `${dir}/questions.yaml`;
	const path = join(lessonsDir, dir, 'questions.yaml');
	if (!existsSync(path)) return [];
	let raw: unknown;
	try {
		raw = parseYaml(readFileSync(path, 'utf8'));
	} catch (error) {
		issues.push({ file, id: null, message: `not valid YAML: ${(error as Error).message}` });
		return [];
	}
	if (raw === null) return [];
	if (!Array.isArray(raw)) {
		issues.push({ file, id: null, message: 'must be a list of questions (each item starting with "- id: …")' });
		return [];
	}
	const loaded: LoadedQuestion[] = [];
	raw.forEach((item, index) => {
		const parsed = v.safeParse(QuestionBase, item);
		const id =
			typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : `item ${index + 1}`;
		if (!parsed.success) {
			for (const message of describeValibotIssues(parsed.issues)) issues.push({ file, id, message });
			return;
		}
		const excerpt = parsed.output.excerpt;
		if (excerpt) {
			const source = sources.get(excerpt.source);
			if (!source) {
				issues.push({ file, id, message: `excerpt names unknown source "${excerpt.source}"` });
				return;
			}
			const found = findQuote(source, excerpt.text, excerpt.occurrence);
			if (!found.ok) {
				issues.push({ file, id, message: `excerpt "${abbreviate(excerpt.text)}": ${found.message}` });
				return;
			}
		}
		loaded.push({ file, lessonDir: dir, definition: parsed.output });
	});
	return loaded;
}
