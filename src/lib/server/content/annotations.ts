import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import type { SentenceAnnotation, Source } from '../../content/types';
import { abbreviate, type ContentIssue } from './errors';
import { bodySentences } from './sentences';
import { describeValibotIssues } from './validation';

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty());

const AnnotationsSchema = v.array(
	v.strictObject({
		sentence: v.pipe(v.string(), v.nonEmpty()),
		kind: v.picklist(['claim', 'framing', 'mixed']),
		attribution: v.picklist(['named', 'anonymous', 'vague', 'none']),
		speaker: v.optional(Text),
		loaded: v.optional(v.array(v.pipe(v.string(), v.nonEmpty())), []),
		note: Text
	})
);

/**
 * Reads `sources/<id>.annotations.yaml`: one entry per sentence of the article body, quoting
 * it. Every body sentence must be annotated exactly once. Returns the annotations in text order,
 * or null when the source has no annotation file or it has errors.
 */
export function loadAnnotations(lessonsDir: string, source: Source, issues: ContentIssue[]): SentenceAnnotation[] | null {
	const file = `sources/${source.id}.annotations.yaml`;
	const path = join(lessonsDir, file);
	if (!existsSync(path)) return null;
	let raw: unknown;
	try {
		raw = parseYaml(readFileSync(path, 'utf8'));
	} catch (error) {
		issues.push({ file, id: null, message: `not valid YAML: ${(error as Error).message}` });
		return null;
	}
	return validateAnnotations(source, raw, file, issues);
}

/**
 * Checks annotations given as data (the parsed YAML list): the same checks for the course's
 * files and for a class text annotated in the browser or imported.
 */
export function validateAnnotations(source: Source, raw: unknown, file: string, issues: ContentIssue[]): SentenceAnnotation[] | null {
	const parsed = v.safeParse(AnnotationsSchema, raw);
	if (!parsed.success) {
		for (const message of describeValibotIssues(parsed.issues)) issues.push({ file, id: null, message });
		return null;
	}
	const before = issues.length;
	const sentences = bodySentences(source);
	const byText = new Map<string, (typeof parsed.output)[number]>();
	for (const entry of parsed.output) {
		const id = `sentence "${abbreviate(entry.sentence)}"`;
		if (!sentences.some((s) => s.text === entry.sentence)) {
			issues.push({ file, id, message: 'is not a sentence of the article body (see npx tsx scripts/list-sentences.ts)' });
			continue;
		}
		if (byText.has(entry.sentence)) issues.push({ file, id, message: 'annotated twice' });
		byText.set(entry.sentence, entry);
		for (const phrase of entry.loaded) {
			if (!entry.sentence.includes(phrase)) issues.push({ file, id, message: `loaded phrase "${phrase}" is not in the sentence` });
		}
		if (entry.attribution !== 'none' && !entry.speaker) {
			issues.push({ file, id, message: `say who the ${entry.attribution} source is (speaker)` });
		}
	}
	for (const sentence of sentences) {
		if (!byText.has(sentence.text)) {
			issues.push({ file, id: `sentence "${abbreviate(sentence.text)}"`, message: `not annotated (paragraph ${sentence.paragraph})` });
		}
	}
	if (issues.length > before) return null;
	return sentences.map((sentence) => {
		const entry = byText.get(sentence.text)!;
		return {
			paragraph: sentence.paragraph,
			sentence: sentence.text,
			kind: entry.kind,
			attribution: entry.attribution,
			speaker: entry.speaker ?? null,
			loaded: entry.loaded,
			note: entry.note
		};
	});
}
