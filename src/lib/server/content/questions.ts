import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import type { SentenceAnnotation, Source } from '../../content/types';
import { loadedPhrasesWithin } from '../../quiz/types/respond/checks';
import type { ContentContext, QuotedText } from '../../quiz/contract';
import { isQuestionType, questionType, type QuestionTypeName } from '../../quiz/registry';
import { abbreviate, type ContentIssue } from './errors';
import { findQuote } from './paragraphs';
import { describeValibotIssues } from './validation';

/** Enough of a question to report problems by id before its type's schema is applied. */
const QuestionHead = v.looseObject({ id: v.string(), type: v.string() });

export interface LoadedQuestion {
	file: string;
	lessonDir: string;
	type: QuestionTypeName;
	/** The authored definition, validated by its type's schema (includes the key). */
	definition: { id: string; type: string; prompt: string; explanation: string };
	/** Hash of the definition: attempts record it so statistics never mix versions. */
	version: string;
}

export function contentVersion(definition: unknown): string {
	return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16);
}

function contextFor(sources: Map<string, Source>, annotations: Map<string, SentenceAnnotation[]>): ContentContext {
	return {
		findQuote(quote) {
			const source = sources.get(quote.source);
			if (!source) return `unknown source "${quote.source}"`;
			const found = findQuote(source, quote.text, quote.occurrence);
			return found.ok ? null : `"${abbreviate(quote.text)}": ${found.message}`;
		},
		loadedPhrases(quote) {
			const source = sources.get(quote.source);
			const annotated = annotations.get(quote.source);
			if (!source || !annotated) return [];
			const found = findQuote(source, quote.text, quote.occurrence);
			if (!found.ok) return [];
			// Sentences are annotated by paragraph; place each one in the source text to compare ranges.
			const paragraph = source.paragraphs.find((p) => p.n === found.quote.paragraph)!;
			const sentences = annotated
				.filter((a) => a.paragraph === paragraph.n)
				.map((a) => ({ start: paragraph.start + paragraph.text.indexOf(a.sentence), text: a.sentence, loaded: a.loaded }))
				.filter((s) => s.start >= paragraph.start);
			return loadedPhrasesWithin(found.quote, sentences);
		}
	};
}

export interface LessonQuestions {
	/** The questions that validated. */
	questions: LoadedQuestion[];
	/** Every id the file defines, valid or not (so a broken question is not also "undefined"). */
	definedIds: string[];
}

/** Reads `<dir>/questions.yaml` (a YAML list of questions). A lesson may have none. */
export function loadQuestions(
	lessonsDir: string,
	dir: string,
	sources: Map<string, Source>,
	issues: ContentIssue[],
	annotations: Map<string, SentenceAnnotation[]> = new Map()
): LessonQuestions {
	const none = { questions: [], definedIds: [] };
	const file = `${dir}/questions.yaml`;
	const path = join(lessonsDir, dir, 'questions.yaml');
	if (!existsSync(path)) return none;
	let raw: unknown;
	try {
		raw = parseYaml(readFileSync(path, 'utf8'));
	} catch (error) {
		issues.push({ file, id: null, message: `not valid YAML: ${(error as Error).message}` });
		return none;
	}
	if (raw === null) return none;
	if (!Array.isArray(raw)) {
		issues.push({ file, id: null, message: 'must be a list of questions (each item starting with "- id: …")' });
		return none;
	}
	return validateQuestionList(raw, file, dir, sources, issues, annotations);
}

/**
 * Checks a list of question definitions given as data (the parsed YAML list): the same checks
 * for a lesson's questions.yaml and for a class's practice set.
 */
export function validateQuestionList(
	raw: unknown[],
	file: string,
	dir: string,
	sources: Map<string, Source>,
	issues: ContentIssue[],
	annotations: Map<string, SentenceAnnotation[]> = new Map()
): LessonQuestions {
	const context = contextFor(sources, annotations);
	const loaded: LoadedQuestion[] = [];
	const definedIds: string[] = [];
	raw.forEach((item, index) => {
		const head = v.safeParse(QuestionHead, item);
		if (!head.success) {
			issues.push({ file, id: `item ${index + 1}`, message: 'every question needs an id and a type' });
			return;
		}
		const { id, type } = head.output;
		definedIds.push(id);
		if (!isQuestionType(type)) {
			issues.push({ file, id, message: `unknown question type "${type}" (choice, classify, highlight, match or respond)` });
			return;
		}
		const module = questionType(type);
		const parsed = v.safeParse(module.schema, item);
		if (!parsed.success) {
			for (const message of describeValibotIssues(parsed.issues)) issues.push({ file, id, message });
			return;
		}
		// The excerpt is common to every type, so it is checked here rather than in each type.
		const excerpt = (parsed.output as { excerpt?: QuotedText }).excerpt;
		const excerptProblem = excerpt ? context.findQuote(excerpt) : null;
		const problems = [
			...(excerptProblem ? [`excerpt: ${excerptProblem}`] : []),
			...module.validate(parsed.output, context)
		];
		for (const message of problems) issues.push({ file, id, message });
		if (problems.length > 0) return;
		const definition = module.build ? module.build(parsed.output, context) : parsed.output;
		loaded.push({ file, lessonDir: dir, type, definition, version: contentVersion(definition) });
	});
	return { questions: loaded, definedIds };
}
