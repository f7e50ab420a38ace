import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import type { Paragraph, Provenance, Source } from '../../content/types';
import { abbreviate, type ContentIssue } from './errors';
import { findQuote, splitParagraphs } from './paragraphs';
import { describeValibotIssues } from './validation';

const text = v.pipe(v.string(), v.trim(), v.nonEmpty());
const optionalText = v.optional(v.nullable(text), null);

const ProvenanceSchema = v.strictObject({
	id: v.pipe(text, v.regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens only')),
	title: text,
	headlineNote: optionalText,
	outlet: text,
	outletAbout: text,
	author: optionalText,
	authorNote: optionalText,
	date: v.strictObject({
		published: v.optional(v.nullable(v.pipe(v.string(), v.isoDate())), null),
		estimated: optionalText,
		clue: text
	}),
	genre: v.picklist(['news rewrite', 'analysis', 'wire report']),
	language: text,
	url: v.optional(v.nullable(v.pipe(v.string(), v.url())), null),
	sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in lower-case hex')),
	body: v.optional(v.nullable(v.strictObject({ first: text, last: text })), null),
	notes: v.optional(v.array(text), [])
});

export function sha256Hex(content: string | Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

/**
 * Loads every `lessons/sources/<id>.txt` with its `<id>.yaml` provenance. Problems are pushed
 * to `issues`; a source with problems is left out of the result.
 */
export function loadSources(lessonsDir: string, issues: ContentIssue[]): Map<string, Source> {
	const dir = join(lessonsDir, 'sources');
	const sources = new Map<string, Source>();
	if (!existsSync(dir)) {
		issues.push({ file: 'sources/', id: null, message: 'the sources folder is missing' });
		return sources;
	}
	const ids = readdirSync(dir)
		.filter((name) => name.endsWith('.txt'))
		.map((name) => name.slice(0, -'.txt'.length))
		.sort();
	for (const id of ids) {
		const source = loadSource(dir, id, issues);
		if (source) sources.set(id, source);
	}
	return sources;
}

function loadSource(dir: string, id: string, issues: ContentIssue[]): Source | null {
	const yamlFile = `sources/${id}.yaml`;
	const yamlPath = join(dir, `${id}.yaml`);
	if (!existsSync(yamlPath)) {
		issues.push({ file: yamlFile, id, message: `provenance file missing for sources/${id}.txt` });
		return null;
	}
	return validateSource(id, readFileSync(join(dir, `${id}.txt`)), readFileSync(yamlPath, 'utf8'), issues);
}

/**
 * Checks a source given as its text and its provenance YAML (as files hold them): the same
 * checks for the course's files and for a class text brought in by an instructor.
 */
export function validateSource(id: string, bytes: Buffer, provenanceYaml: string, issues: ContentIssue[]): Source | null {
	const textFile = `sources/${id}.txt`;
	const yamlFile = `sources/${id}.yaml`;
	let raw: unknown;
	try {
		raw = parseYaml(provenanceYaml);
	} catch (error) {
		issues.push({ file: yamlFile, id, message: `not valid YAML: ${(error as Error).message}` });
		return null;
	}
	const parsed = v.safeParse(ProvenanceSchema, raw);
	if (!parsed.success) {
		for (const message of describeValibotIssues(parsed.issues)) {
			issues.push({ file: yamlFile, id, message });
		}
		return null;
	}
	const provenance: Provenance = parsed.output;
	const before = issues.length;
	if (provenance.id !== id) {
		issues.push({ file: yamlFile, id, message: `id is "${provenance.id}" but the file is named "${id}"` });
	}
	const digest = sha256Hex(bytes);
	if (digest !== provenance.sha256) {
		issues.push({
			file: yamlFile,
			id,
			message: `${textFile} has SHA-256 ${digest}, but the provenance records ${provenance.sha256}: the source text must stay byte-for-byte as published`
		});
	}
	const content = bytes.toString('utf8');
	const lines = splitParagraphs(content);
	let paragraphs: Paragraph[] = lines.map((p) => ({ ...p, region: 'body' }));
	if (provenance.body) {
		const first = findQuote({ id, text: content, paragraphs: lines }, provenance.body.first);
		const last = findQuote({ id, text: content, paragraphs: lines }, provenance.body.last);
		for (const [name, found, quoted] of [
			['body.first', first, provenance.body.first],
			['body.last', last, provenance.body.last]
		] as const) {
			if (!found.ok) {
				issues.push({ file: yamlFile, id, message: `${name} "${abbreviate(quoted)}": ${found.message}` });
			}
		}
		if (first.ok && last.ok) {
			const from = first.quote.paragraph;
			const to = last.quote.paragraph;
			if (to < from) {
				issues.push({ file: yamlFile, id, message: 'body.last comes before body.first' });
			}
			paragraphs = paragraphs.map((p) => ({
				...p,
				region: p.n < from ? 'before' : p.n > to ? 'after' : 'body'
			}));
		}
	}
	if (issues.length > before) return null;
	return { id, provenance, text: content, paragraphs };
}
