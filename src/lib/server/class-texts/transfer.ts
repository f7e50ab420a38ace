// A class text as the course's own files, and back: `<id>.txt` (the text, verbatim), `<id>.yaml`
// (provenance), `<id>.annotations.yaml` and `questions.yaml`. Import runs the course's checks
// on every file and reports each problem by file, sentence or question id.
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Provenance } from '../../content/types';
import { formatIssue, type ContentIssue } from '../content/errors';
import { validateSource } from '../content/sources';
import type { AppDatabase } from '../db/open';
import { checkAnnotations, type AnnotationEntry } from './annotate';
import { checkPractice } from './generate';
import { MAX_TEXT_CHARS, MAX_TEXTS_PER_CLASS, provenanceYaml } from './source';
import { createClassText, practiceDraft, publishedPractice, saveDraft, slugsInClass, textCount, currentVersion, type TextVersion } from './store';

export const EXPORT_FILES = ['txt', 'yaml', 'annotations.yaml', 'questions.yaml'] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/** The file's name as the course names it. */
export function exportName(slug: string, file: ExportFile): string {
	return file === 'questions.yaml' ? `${slug}.questions.yaml` : `${slug}.${file}`;
}

/** The newest practice version built on this text version (published or draft), if any. */
async function questionsFor(db: AppDatabase, version: TextVersion) {
	const candidates = [await practiceDraft(db, version.textId), await publishedPractice(db, version.textId)].filter((p) => p && p.textVersionId === version.id);
	return candidates[0]?.questions ?? [];
}

/** One of the text's files, as the course would hold it. */
export async function exportFile(db: AppDatabase, version: TextVersion, file: ExportFile): Promise<string> {
	switch (file) {
		case 'txt':
			return version.body;
		case 'yaml':
			return provenanceYaml(version.provenance);
		case 'annotations.yaml':
			return `# Sentence-by-sentence annotations of ${version.provenance.id}, in text order.\n${stringifyYaml(version.annotations, { lineWidth: 0 })}`;
		case 'questions.yaml':
			return stringifyYaml(await questionsFor(db, version), { lineWidth: 0 });
	}
}

/** What the export page says about each file (the annotation must be complete for the course's check). */
export async function exportSummary(db: AppDatabase, version: TextVersion, sentences: number) {
	return { annotated: version.annotations.length, sentences, questions: (await questionsFor(db, version)).length };
}

export interface ImportFiles {
	txt: string | null;
	yaml: string | null;
	annotations: string | null;
	questions: string | null;
}

/**
 * Imports the files into the class: the text and provenance are required; annotations and
 * questions are optional. Nothing is stored unless every file passes the course's checks. The
 * questions become a draft, which the instructor publishes.
 */
export async function importText(db: AppDatabase, classId: string, files: ImportFiles): Promise<{ ok: true; textId: string } | { ok: false; problems: string[] }> {
	const problems: string[] = [];
	if (!files.txt) problems.push('Choose the text file (.txt).');
	if (!files.yaml) problems.push('Choose the provenance file (.yaml).');
	if (files.txt && files.txt.length > MAX_TEXT_CHARS) problems.push(`The text has ${files.txt.length} characters; the limit is ${MAX_TEXT_CHARS}.`);
	if (await textCount(db, classId) >= MAX_TEXTS_PER_CLASS) problems.push(`This class holds ${MAX_TEXTS_PER_CLASS} texts, the most it can.`);
	if (problems.length > 0 || !files.txt || !files.yaml) return { ok: false, problems };
	const text = files.txt.replace(/\r\n?/g, '\n');
	let id = '';
	try {
		const head = parseYaml(files.yaml) as { id?: unknown } | null;
		id = typeof head?.id === 'string' ? head.id : '';
	} catch {
		// validateSource reports the YAML error below.
	}
	if (!/^[a-z0-9-]+$/.test(id)) id = 'imported-text';
	if ((await slugsInClass(db, classId)).has(id)) return { ok: false, problems: [`This class already has a text with the id "${id}". Change the id in the .yaml file (and in the quotes of questions.yaml).`] };
	const issues: ContentIssue[] = [];
	const source = validateSource(id, Buffer.from(text, 'utf8'), files.yaml, issues);
	let entries: AnnotationEntry[] = [];
	let annotated = null;
	let questions: unknown[] = [];
	if (source && files.annotations?.trim()) {
		try {
			const raw = parseYaml(files.annotations);
			const checked = checkAnnotations(source, raw, `sources/${id}.annotations.yaml`);
			if (checked.ok) {
				annotated = checked.annotations;
				entries = raw as AnnotationEntry[];
			} else issues.push(...checked.issues);
		} catch (error) {
			issues.push({ file: `sources/${id}.annotations.yaml`, id: null, message: `not valid YAML: ${(error as Error).message}` });
		}
	}
	if (source && files.questions?.trim()) {
		try {
			const raw = parseYaml(files.questions);
			if (!Array.isArray(raw)) issues.push({ file: 'questions.yaml', id: null, message: 'must be a list of questions (each item starting with "- id: …")' });
			else {
				questions = raw;
				issues.push(...checkPractice(source, raw, annotated));
			}
		} catch (error) {
			issues.push({ file: 'questions.yaml', id: null, message: `not valid YAML: ${(error as Error).message}` });
		}
	}
	if (!source || issues.length > 0) return { ok: false, problems: issues.map(formatIssue) };
	const provenance: Provenance = source.provenance;
	const textId = await createClassText(db, classId, provenance, text, entries);
	if (questions.length > 0) await saveDraft(db, textId, (await currentVersion(db, textId))!.id, questions as never);
	return { ok: true, textId };
}
