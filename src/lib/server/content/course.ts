import { existsSync } from 'node:fs';
import type { Lesson, LessonSummary, SentenceAnnotation, Source } from '../../content/types';
import { loadAnnotations } from './annotations';
import { ContentError, type ContentIssue } from './errors';
import { loadGlossary, type GlossaryEntry } from './glossary';
import { lessonDirs, loadLesson, type LoadedLesson } from './lessons';
import { measurementIssues, reservedPassageClashes } from './measurement';
import { loadQuestions, type LoadedQuestion } from './questions';
import { loadSources } from './sources';

export interface Course {
	sources: Map<string, Source>;
	/** In course order. */
	lessons: Lesson[];
	questions: Map<string, LoadedQuestion>;
	glossary: GlossaryEntry[];
	/** Sentence annotations of each source that has them, in text order. */
	annotations: Map<string, SentenceAnnotation[]>;
}

function summarize(lesson: LoadedLesson): LessonSummary {
	const { title, summary, minutes } = lesson.frontmatter;
	return { slug: lesson.slug, number: lesson.number, title, summary, minutes };
}

/** What the measurement checks need of each lesson. */
export function measuredLessons(loaded: LoadedLesson[]) {
	return loaded.map((lesson) => ({
		slug: lesson.slug,
		file: lesson.file,
		diagnostic: lesson.frontmatter.diagnostic ?? null,
		questionIds: lesson.placedQuestionIds,
		quotes: lesson.quotes
	}));
}

/**
 * Reads and validates everything under `lessonsDir`. Throws a ContentError listing every
 * problem (file and id for each) if anything is wrong, so a broken course never builds.
 */
export async function buildCourse(lessonsDir: string): Promise<Course> {
	const issues: ContentIssue[] = [];
	if (!existsSync(lessonsDir)) {
		throw new ContentError([{ file: lessonsDir, id: null, message: 'the lessons folder does not exist' }]);
	}
	const sources = loadSources(lessonsDir, issues);
	const glossary = loadGlossary(lessonsDir, issues);
	const annotations = new Map<string, SentenceAnnotation[]>();
	for (const source of sources.values()) {
		const loaded = loadAnnotations(lessonsDir, source, issues);
		if (loaded) annotations.set(source.id, loaded);
	}
	const loaded: LoadedLesson[] = [];
	const questions = new Map<string, LoadedQuestion>();
	const slugs = new Map<string, string>();
	const numbers = new Map<number, string>();

	for (const dir of lessonDirs(lessonsDir)) {
		const lesson = await loadLesson(lessonsDir, dir, sources, issues);
		const { questions: lessonQuestions, definedIds } = loadQuestions(lessonsDir, dir, sources, issues, annotations);
		for (const question of lessonQuestions) {
			const id = question.definition.id;
			const existing = questions.get(id);
			if (existing) {
				issues.push({ file: question.file, id, message: `duplicate question id (also in ${existing.file})` });
			} else {
				questions.set(id, question);
			}
		}
		if (!lesson) continue;
		const slugOwner = slugs.get(lesson.slug);
		if (slugOwner) {
			issues.push({ file: lesson.file, id: lesson.slug, message: `duplicate lesson slug (also ${slugOwner})` });
		}
		const numberOwner = numbers.get(lesson.number);
		if (numberOwner) {
			issues.push({ file: lesson.file, id: lesson.slug, message: `duplicate lesson number (also ${numberOwner})` });
		}
		slugs.set(lesson.slug, dir);
		numbers.set(lesson.number, dir);
		// Every placed question must be defined in this lesson, and every defined one placed.
		const defined = new Set(definedIds);
		for (const id of lesson.placedQuestionIds) {
			if (!defined.has(id)) {
				issues.push({ file: lesson.file, id, message: `<Question id="${id}"> is not defined in ${dir}/questions.yaml` });
			}
		}
		for (const id of defined) {
			if (!lesson.placedQuestionIds.includes(id)) {
				issues.push({ file: `${dir}/questions.yaml`, id, message: `question is defined but not placed in ${dir}/lesson.md` });
			}
		}
		loaded.push(lesson);
	}
	// Links between pages must lead somewhere: a glossary term, a lesson or a source.
	const glossaryIds = new Set(glossary.map((entry) => entry.id));
	const lessonSlugs = new Set(loaded.map((l) => l.slug));
	for (const lesson of loaded) {
		for (const href of lesson.internalLinks) {
			const [path, hash] = href.split('#');
			const ok =
				path === '/glossary'
					? hash === undefined || glossaryIds.has(hash)
					: path.startsWith('/lessons/')
						? lessonSlugs.has(path.slice('/lessons/'.length))
						: path.startsWith('/sources/')
							? sources.has(path.slice('/sources/'.length).split('?')[0])
							: ['/', '/progress', '/glossary'].includes(path);
			if (!ok) issues.push({ file: lesson.file, id: lesson.slug, message: `link to ${href} leads nowhere` });
		}
	}
	for (const kind of ['before', 'after'] as const) {
		const diagnostics = loaded.filter((l) => l.frontmatter.diagnostic === kind);
		if (diagnostics.length > 1) {
			issues.push({ file: diagnostics[1].file, id: diagnostics[1].slug, message: `only one lesson can be the "${kind}" diagnostic` });
		}
	}
	// Quizzes that measure reading: no cue gives a key away, and the diagnostics are parallel forms.
	issues.push(...measurementIssues(measuredLessons(loaded), questions, sources));
	issues.push(...reservedPassageClashes(measuredLessons(loaded), questions, sources));
	if (loaded.length === 0 && issues.length === 0) {
		issues.push({ file: lessonsDir, id: null, message: 'no lessons found (folders named like 01-some-title)' });
	}
	if (issues.length > 0) throw new ContentError(issues);

	const summaries = loaded.map(summarize);
	const lessons: Lesson[] = loaded.map((lesson, index) => ({
		...summaries[index],
		dir: lesson.dir,
		objectives: lesson.frontmatter.objectives,
		sources: lesson.frontmatter.sources,
		quotes: lesson.quotes,
		questionIds: lesson.placedQuestionIds,
		sections: lesson.sections,
		diagnostic: lesson.frontmatter.diagnostic ?? null,
		previous: summaries[index - 1] ?? null,
		next: summaries[index + 1] ?? null
	}));
	return { sources, lessons, questions, glossary, annotations };
}
