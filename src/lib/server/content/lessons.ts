import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'mdsvex';
import { parse as parseSvelte } from 'svelte/compiler';
import * as v from 'valibot';
import { rehypeHeadingIds } from '../../content/heading-ids.js';
import type { LessonSection, ResolvedQuote, Source } from '../../content/types';
import { abbreviate, type ContentIssue } from './errors';
import { findQuote } from './paragraphs';
import { describeValibotIssues } from './validation';

/** Lesson folders are `NN-slug`; the number orders the course and is dropped from the URL. */
export const LESSON_DIR_PATTERN = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

const FrontmatterSchema = v.strictObject({
	title: v.pipe(v.string(), v.trim(), v.nonEmpty()),
	summary: v.pipe(v.string(), v.trim(), v.nonEmpty()),
	minutes: v.pipe(v.number(), v.integer(), v.minValue(8, 'a lesson takes 8 to 20 minutes'), v.maxValue(20, 'a lesson takes 8 to 20 minutes')),
	objectives: v.pipe(
		v.array(v.pipe(v.string(), v.trim(), v.nonEmpty())),
		v.minLength(3, 'list 3 to 5 learning objectives'),
		v.maxLength(5, 'list 3 to 5 learning objectives')
	),
	sources: v.pipe(v.array(v.string()), v.minLength(1, 'name at least one source')),
	/** Diagnostic lessons (check yourself before/after) hold back feedback until the end. */
	diagnostic: v.optional(v.picklist(['before', 'after']))
});

export type Frontmatter = v.InferOutput<typeof FrontmatterSchema>;

/** What one lesson folder yields before the course links lessons together. */
export interface LoadedLesson {
	dir: string;
	slug: string;
	number: number;
	file: string;
	frontmatter: Frontmatter;
	quotes: ResolvedQuote[];
	/** Ids placed with `<Question id="…" />`, in page order. */
	placedQuestionIds: string[];
	/** The `##` sections, in page order, each with the questions placed in it. */
	sections: LessonSection[];
	/** Links inside the site (`/glossary#…`, `/lessons/…`, `/sources/…`), checked by the course. */
	internalLinks: string[];
}

export function lessonDirs(lessonsDir: string): string[] {
	return readdirSync(lessonsDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && LESSON_DIR_PATTERN.test(entry.name))
		.map((entry) => entry.name)
		.sort();
}

interface ComponentTag {
	name: string;
	attributes: Record<string, string | true>;
	/** Attributes written as `{expressions}`: content must be plain strings to be checked. */
	dynamic: string[];
}

/** Every static `href` of an `<a>` element in a Svelte AST (Markdown links compile to these). */
function collectLinks(node: unknown, found: string[] = []): string[] {
	if (Array.isArray(node)) {
		for (const child of node) collectLinks(child, found);
		return found;
	}
	if (node === null || typeof node !== 'object') return found;
	const record = node as Record<string, unknown>;
	if (record.type === 'RegularElement' && record.name === 'a') {
		for (const attribute of (record.attributes as Record<string, unknown>[]) ?? []) {
			const value = attribute.value;
			if (attribute.name === 'href' && Array.isArray(value) && value.every((part) => part.type === 'Text')) {
				found.push(value.map((part) => part.data as string).join(''));
			}
		}
	}
	for (const value of Object.values(record)) if (typeof value === 'object') collectLinks(value, found);
	return found;
}

/** Text of an element in a Svelte AST (a heading's words, links and emphasis included). */
function textOf(node: unknown): string {
	if (Array.isArray(node)) return node.map(textOf).join('');
	if (node === null || typeof node !== 'object') return '';
	const record = node as Record<string, unknown>;
	if (record.type === 'Text') return String(record.data ?? '');
	return textOf((record.fragment as { nodes?: unknown[] } | undefined)?.nodes ?? []);
}

/**
 * The sections of a lesson in page order: each `<h2 id>` (ids from heading-ids.js, as on the
 * page) starts one, and the `<Question>` tags after it are its questions.
 */
function collectSections(node: unknown, sections: LessonSection[] = []): LessonSection[] {
	if (Array.isArray(node)) {
		for (const child of node) collectSections(child, sections);
		return sections;
	}
	if (node === null || typeof node !== 'object') return sections;
	const record = node as Record<string, unknown>;
	if (record.type === 'RegularElement' && record.name === 'h2') {
		const id = ((record.attributes as Record<string, unknown>[]) ?? []).find((a) => a.name === 'id')?.value;
		if (Array.isArray(id) && id.every((part) => part.type === 'Text')) {
			sections.push({ id: id.map((part) => part.data as string).join(''), title: textOf(record).trim(), questionIds: [] });
		}
		return sections;
	}
	if (record.type === 'Component' && record.name === 'Question') {
		const id = ((record.attributes as Record<string, unknown>[]) ?? []).find((a) => a.name === 'id')?.value;
		if (Array.isArray(id) && id.every((part) => part.type === 'Text') && sections.length > 0) {
			sections.at(-1)!.questionIds.push(id.map((part) => part.data as string).join(''));
		}
		return sections;
	}
	for (const [key, value] of Object.entries(record)) {
		if (key !== 'attributes' && typeof value === 'object') collectSections(value, sections);
	}
	return sections;
}

/** Collects every component tag (`<Quote …/>`, `<Question …/>`) in a Svelte AST. */
function collectComponents(node: unknown, found: ComponentTag[] = []): ComponentTag[] {
	if (Array.isArray(node)) {
		for (const child of node) collectComponents(child, found);
		return found;
	}
	if (node === null || typeof node !== 'object') return found;
	const record = node as Record<string, unknown>;
	if (record.type === 'Component' && typeof record.name === 'string') {
		const tag: ComponentTag = { name: record.name, attributes: {}, dynamic: [] };
		for (const attribute of (record.attributes as Record<string, unknown>[]) ?? []) {
			if (attribute.type !== 'Attribute' || typeof attribute.name !== 'string') continue;
			const value = attribute.value;
			if (value === true) {
				tag.attributes[attribute.name] = true;
			} else if (Array.isArray(value) && value.every((part) => part.type === 'Text')) {
				tag.attributes[attribute.name] = value.map((part) => part.data as string).join('');
			} else {
				tag.dynamic.push(attribute.name);
			}
		}
		found.push(tag);
	}
	for (const [key, value] of Object.entries(record)) {
		if (key !== 'attributes' && typeof value === 'object') collectComponents(value, found);
	}
	return found;
}

/** Loads, validates and resolves one lesson folder. Returns null when it has errors. */
export async function loadLesson(
	lessonsDir: string,
	dir: string,
	sources: Map<string, Source>,
	issues: ContentIssue[]
): Promise<LoadedLesson | null> {
	const match = LESSON_DIR_PATTERN.exec(dir);
	if (!match) throw new Error(`not a lesson folder: ${dir}`);
	const [, number, slug] = match;
	const file = `${dir}/lesson.md`;
	const path = join(lessonsDir, dir, 'lesson.md');
	if (!existsSync(path)) {
		issues.push({ file, id: slug, message: 'lesson.md is missing' });
		return null;
	}
	const markdown = readFileSync(path, 'utf8');
	let code: string;
	let rawFrontmatter: unknown;
	try {
		// The same plugins as svelte.config.js, so the headings' ids match the page's.
		const compiled = await compile(markdown, { extensions: ['.md'], rehypePlugins: [rehypeHeadingIds] });
		if (!compiled) throw new Error('mdsvex returned nothing');
		code = compiled.code;
		rawFrontmatter = (compiled.data as { fm?: unknown } | undefined)?.fm;
	} catch (error) {
		issues.push({ file, id: slug, message: `could not read the Markdown: ${(error as Error).message}` });
		return null;
	}
	const before = issues.length;
	const parsed = v.safeParse(FrontmatterSchema, rawFrontmatter ?? {});
	if (!parsed.success) {
		for (const message of describeValibotIssues(parsed.issues)) {
			issues.push({ file, id: slug, message: `frontmatter ${message}` });
		}
	}
	for (const sourceId of parsed.success ? parsed.output.sources : []) {
		if (!sources.has(sourceId)) {
			issues.push({ file, id: slug, message: `frontmatter names unknown source "${sourceId}"` });
		}
	}

	let tags: ComponentTag[] = [];
	let links: string[] = [];
	let sections: LessonSection[] = [];
	try {
		const fragment = parseSvelte(code, { modern: true }).fragment;
		tags = collectComponents(fragment);
		sections = collectSections(fragment);
		links = collectLinks(fragment).filter((href) => href.startsWith('/'));
	} catch (error) {
		issues.push({ file, id: slug, message: `not valid Svelte markup: ${(error as Error).message}` });
	}

	const quotes: ResolvedQuote[] = [];
	const placedQuestionIds: string[] = [];
	for (const tag of tags) {
		for (const name of tag.dynamic) {
			issues.push({ file, id: slug, message: `<${tag.name}> attribute "${name}" must be a plain string` });
		}
		if (tag.name === 'Quote') {
			const quote = resolveQuoteTag(tag, sources, parsed.success ? parsed.output.sources : [], file, issues);
			if (quote) quotes.push(quote);
		} else if (tag.name === 'Question') {
			const id = tag.attributes.id;
			if (typeof id !== 'string' || id.trim() === '') {
				issues.push({ file, id: slug, message: '<Question> needs an id="…"' });
			} else if (placedQuestionIds.includes(id)) {
				issues.push({ file, id, message: 'question placed twice in the lesson' });
			} else {
				placedQuestionIds.push(id);
			}
		}
	}
	for (const name of new Set(tags.map((tag) => tag.name))) {
		if (!new RegExp(`import\\s+${name}\\s+from`).test(code)) {
			issues.push({ file, id: slug, message: `<${name}> is used but not imported in the lesson's <script>` });
		}
	}

	if (!parsed.success || issues.length > before) return null;
	return {
		dir,
		slug,
		number: Number(number),
		file,
		frontmatter: parsed.output,
		quotes,
		placedQuestionIds,
		sections,
		internalLinks: links
	};
}

function resolveQuoteTag(
	tag: ComponentTag,
	sources: Map<string, Source>,
	declaredSources: string[],
	file: string,
	issues: ContentIssue[]
): ResolvedQuote | null {
	const { source: sourceId, text, occurrence } = tag.attributes;
	if (typeof text !== 'string') {
		issues.push({ file, id: null, message: '<Quote> needs text="…" (the exact words of the source)' });
		return null;
	}
	const id = `quote "${abbreviate(text)}"`;
	if (typeof sourceId !== 'string') {
		issues.push({ file, id, message: '<Quote> needs source="…"' });
		return null;
	}
	const source = sources.get(sourceId);
	if (!source) {
		issues.push({ file, id, message: `unknown source "${sourceId}"` });
		return null;
	}
	if (!declaredSources.includes(sourceId)) {
		issues.push({ file, id, message: `source "${sourceId}" is quoted but not listed in the frontmatter's sources` });
	}
	let which: number | undefined;
	if (occurrence !== undefined) {
		which = Number(occurrence);
		if (!Number.isInteger(which) || which < 1) {
			issues.push({ file, id, message: `occurrence must be a whole number from 1, not "${occurrence}"` });
			return null;
		}
	}
	const found = findQuote(source, text, which);
	if (!found.ok) {
		issues.push({ file, id, message: found.message });
		return null;
	}
	return found.quote;
}
