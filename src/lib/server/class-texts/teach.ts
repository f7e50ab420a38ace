// The instructor's side of class texts, for the routes under /teach/classes/[id]/texts: thin
// routes call these. Every function starts from requireOwnedClass, so only the class's own
// instructor reads or changes anything here.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Source } from '../../content/types';
import { requireOwnedClass } from '../auth/guards';
import { annotatedParagraphs, paragraphViews } from '../content/views';
import type { AppDatabase } from '../db/open';
import { field } from '../form-action';
import {
	annotatedSentences,
	annotationProgress,
	ATTRIBUTIONS,
	entriesStillInText,
	KINDS,
	readAnnotationForm,
	withEntry,
	wordsOfPhrases,
	wordUnits,
	type AnnotationEntry
} from './annotate';
import { checkPractice, MAX_QUESTIONS, proposePractice } from './generate';
import {
	checkTextForm,
	classTextSource,
	fieldsOf,
	MAX_TEXT_CHARS,
	MAX_TEXTS_PER_CLASS,
	numberedSentences,
	PROVENANCE_FIELD_NAMES,
	slugFor,
	type ProvenanceFields
} from './source';
import {
	createClassText,
	currentVersion,
	discardDraft,
	findClassText,
	practiceDraft,
	publishDraft,
	publishedPractice,
	saveDraft,
	slugsInClass,
	textCount,
	TextLimitError,
	textVersionById,
	writeTextVersion,
	type QuestionDefinition,
	type TextVersion
} from './store';

export { MAX_TEXT_CHARS, MAX_TEXTS_PER_CLASS };

/** The class text, when the signed-in instructor owns its class (404 for a text of another class). */
export async function requireOwnedText(db: AppDatabase, locals: App.Locals, url: URL, classId: string, textId: string) {
	const { user, klass } = await requireOwnedClass(db, locals, url, classId);
	const text = await findClassText(db, klass.id, textId);
	if (!text) error(404, 'There is no such text in this class.');
	const version = (await currentVersion(db, text.id))!;
	return { user, klass, text, version, source: sourceOf(version) };
}

export function sourceOf(version: TextVersion): Source {
	const built = classTextSource(version.provenance, version.body);
	if (!built.ok) throw new Error(`class text ${version.textId} v${version.number} does not validate: ${built.issues.map((i) => i.message).join('; ')}`);
	return built.source;
}

export function fieldsFromForm(form: FormData): ProvenanceFields {
	return Object.fromEntries(PROVENANCE_FIELD_NAMES.map((name) => [name, field(form, name)])) as unknown as ProvenanceFields;
}

/** Creates a text from the form, or a 400 with a message per field (and what was typed). */
export async function createTextAction(db: AppDatabase, classId: string, form: FormData) {
	const fields = fieldsFromForm(form);
	const text = field(form, 'text');
	if (await textCount(db, classId) >= MAX_TEXTS_PER_CLASS) {
		return fail(400, { fields, text, errors: { text: `This class has ${MAX_TEXTS_PER_CLASS} texts, the most it can hold. Delete one first.` } });
	}
	const year = (fields.published || fields.estimated).match(/\d{4}/)?.[0] ?? null;
	const slug = slugFor(fields.title, year, await slugsInClass(db, classId));
	const checked = checkTextForm(fields, text, slug);
	if (!checked.ok) return fail(400, { fields, text, errors: checked.errors });
	const built = classTextSource(checked.provenance, checked.text);
	if (!built.ok) return fail(400, { fields, text, errors: { text: built.issues.map((i) => i.message).join(' ') } });
	if (numberedSentences(built.source).length === 0) return fail(400, { fields, text, errors: { text: 'The text has no sentences.' } });
	let textId: string;
	try {
		textId = await createClassText(db, classId, checked.provenance, checked.text);
	} catch (caught) {
		if (caught instanceof TextLimitError) return fail(400, { fields, text, errors: { text: caught.message } });
		throw caught;
	}
	redirect(303, `/teach/classes/${classId}/texts/${textId}`);
}

/** Edits the text or its details: a new version when a published set was built on the current one. */
export async function editTextAction(db: AppDatabase, classId: string, version: TextVersion, form: FormData) {
	const fields = fieldsFromForm(form);
	const text = field(form, 'text');
	const checked = checkTextForm(fields, text, version.provenance.id);
	if (!checked.ok) return fail(400, { fields, text, errors: checked.errors });
	const built = classTextSource(checked.provenance, checked.text);
	if (!built.ok) return fail(400, { fields, text, errors: { text: built.issues.map((i) => i.message).join(' ') } });
	const sentences = numberedSentences(built.source);
	if (sentences.length === 0) return fail(400, { fields, text, errors: { text: 'The text has no sentences.' } });
	// Annotations of sentences that are still there stay; a changed sentence needs annotating again.
	const annotations = entriesStillInText(version.annotations, sentences);
	await writeTextVersion(db, version.textId, { provenance: checked.provenance, body: checked.text, annotations });
	redirect(303, `/teach/classes/${classId}/texts/${version.textId}`);
}

export function editFormValues(version: TextVersion) {
	return { fields: fieldsOf(version.provenance), text: version.body };
}

/** The annotation page: every sentence with its state, the one being annotated, and the preview. */
export function annotatePageData(version: TextVersion, source: Source, url: URL) {
	const sentences = numberedSentences(source);
	const byText = new Map(version.annotations.map((e) => [e.sentence, e]));
	const requested = Number(url.searchParams.get('s'));
	const firstOpen = sentences.findIndex((s) => !byText.has(s.text));
	const current = Number.isInteger(requested) && requested >= 1 && requested <= sentences.length ? requested - 1 : Math.max(firstOpen, 0);
	const sentence = sentences[current];
	const entry = byText.get(sentence.text) ?? null;
	const preview = url.searchParams.get('preview') === 'on';
	const layer = annotatedSentences(version.annotations, sentences);
	return {
		version: version.number,
		progress: annotationProgress(version.annotations, sentences),
		sentences: sentences.map((s) => ({ n: s.index + 1, text: s.text, paragraph: s.paragraph, kind: byText.get(s.text)?.kind ?? null })),
		current: {
			n: current + 1,
			text: sentence.text,
			words: wordUnits(sentence.text).words,
			segments: segmentsWithWords(sentence.text),
			entry,
			selectedWords: entry ? wordsOfPhrases(sentence.text, entry.loaded) : []
		},
		kinds: KINDS,
		attributions: ATTRIBUTIONS,
		provenance: version.provenance,
		preview: preview ? { paragraphs: paragraphViews(source, null), annotations: annotatedParagraphs(layer) } : null
	};
}

/** The sentence as words and the text between them, for the word toggles. */
function segmentsWithWords(sentence: string): { text: string; word: number | null }[] {
	const { spans } = wordUnits(sentence);
	const segments: { text: string; word: number | null }[] = [];
	let at = 0;
	spans.forEach((span, index) => {
		if (span.start > at) segments.push({ text: sentence.slice(at, span.start), word: null });
		segments.push({ text: sentence.slice(span.start, span.end), word: index });
		at = span.end;
	});
	if (at < sentence.length) segments.push({ text: sentence.slice(at), word: null });
	return segments;
}

/** Saves one sentence's annotation; without JavaScript, goes on to the next sentence. */
export async function annotateAction(db: AppDatabase, classId: string, version: TextVersion, source: Source, form: FormData, enhanced: boolean) {
	const sentences = numberedSentences(source);
	const n = Number(field(form, 'sentence'));
	const sentence = Number.isInteger(n) ? sentences[n - 1] : undefined;
	if (!sentence) return fail(400, { sentence: null, errors: { kind: 'That sentence is not in the text (any more). Please reload the page.' } });
	const read = readAnnotationForm(sentence.text, {
		kind: field(form, 'kind'),
		attribution: field(form, 'attribution'),
		speaker: field(form, 'speaker'),
		note: field(form, 'note'),
		words: form.getAll('word').map(String)
	});
	if (!read.ok) return fail(400, { sentence: n, errors: read.errors, typed: { kind: field(form, 'kind'), attribution: field(form, 'attribution'), speaker: field(form, 'speaker'), note: field(form, 'note') } });
	const annotations: AnnotationEntry[] = withEntry(version.annotations, read.entry, sentences);
	await writeTextVersion(db, version.textId, { annotations });
	const next = sentences.find((s) => s.index > sentence.index && !annotations.some((e) => e.sentence === s.text)) ?? sentences[sentence.index + 1];
	const nextN = next ? next.index + 1 : n;
	if (!enhanced) redirect(303, `/teach/classes/${classId}/texts/${version.textId}?s=${nextN}#editor`);
	return { sentence: n, saved: `Saved sentence ${n}.`, next: nextN };
}

/** The practice page: the draft being edited (or the published set), with the course's checks. */
export async function practicePageData(db: AppDatabase, version: TextVersion, source: Source) {
	const draft = await practiceDraft(db, version.textId);
	const published = await publishedPractice(db, version.textId);
	const sentences = numberedSentences(source);
	const shown = draft ?? published;
	return {
		progress: annotationProgress(version.annotations, sentences),
		draft: draft ? { number: draft.number, questions: draft.questions, issues: await draftIssues(db, version, draft) } : null,
		published: published ? { number: published.number, questions: published.questions, at: published.publishedAt } : null,
		shown: shown?.questions ?? [],
		maxQuestions: MAX_QUESTIONS
	};
}

/** The course's checks of a draft, against the text version its quotes come from. */
async function draftIssues(db: AppDatabase, version: TextVersion, draft: { textVersionId: number; questions: QuestionDefinition[] }) {
	const draftVersion = draft.textVersionId === version.id ? version : (await textVersionById(db, draft.textVersionId))!;
	const draftSource = sourceOf(draftVersion);
	return checkPractice(draftSource, draft.questions, annotatedSentences(draftVersion.annotations, numberedSentences(draftSource)));
}

/** The set's questions the instructor works on: the draft, else a copy of the published set. */
async function workingQuestions(db: AppDatabase, textId: string): Promise<QuestionDefinition[]> {
	return structuredClone((await practiceDraft(db, textId) ?? await publishedPractice(db, textId))?.questions ?? []);
}

export type PracticeEdit =
	| { kind: 'propose' }
	| { kind: 'drop' | 'up' | 'down'; id: string }
	| { kind: 'edit'; id: string; prompt: string; explanation: string }
	| { kind: 'publish' }
	| { kind: 'discard' };

export function practiceEditFromForm(action: string, form: FormData): PracticeEdit | null {
	const id = field(form, 'questionId');
	switch (action) {
		case 'propose':
		case 'publish':
		case 'discard':
			return { kind: action };
		case 'drop':
		case 'up':
		case 'down':
			return id ? { kind: action, id } : null;
		case 'edit':
			return id ? { kind: 'edit', id, prompt: field(form, 'prompt'), explanation: field(form, 'explanation') } : null;
		default:
			return null;
	}
}

/**
 * One change to the set. Changes go into the draft (made from the published set when there is
 * no draft), so a published version never changes; publish makes the draft what students see,
 * after the same checks as the course's questions.yaml.
 */
export async function practiceAction(db: AppDatabase, version: TextVersion, source: Source, edit: PracticeEdit | null) {
	if (!edit) return fail(400, { message: 'That change is not one this page offers. Please reload the page.' });
	const sentences = numberedSentences(source);
	const layer = annotatedSentences(version.annotations, sentences);
	if (edit.kind === 'propose') {
		const proposal = proposePractice(source, layer);
		if (proposal.questions.length === 0) return fail(400, { message: `Nothing to propose yet. ${proposal.notes.join(' ')}` });
		await saveDraft(db, version.textId, version.id, proposal.questions);
		return { done: `Proposed ${proposal.questions.length} questions from ${layer.length} annotated sentences.`, notes: proposal.notes };
	}
	if (edit.kind === 'discard') {
		await discardDraft(db, version.textId);
		return { done: 'Draft thrown away.' };
	}
	if (edit.kind === 'publish') {
		const draft = await practiceDraft(db, version.textId);
		if (!draft) return fail(400, { message: 'There is no draft to publish.' });
		if (draft.questions.length === 0) return fail(400, { message: 'The set has no questions.' });
		// Checked against the text version its quotes come from (an edit of the text since does not matter).
		const issues = await draftIssues(db, version, draft);
		if (issues.length > 0) return fail(400, { message: `Not published: ${issues.map((i) => `${i.id ?? 'set'}: ${i.message}`).join('; ')}` });
		await publishDraft(db, version.textId);
		return { done: 'Published: the class’s students can answer it now.' };
	}
	const questions = await workingQuestions(db, version.textId);
	const at = questions.findIndex((q) => q.id === edit.id);
	if (at === -1) return fail(400, { message: 'That question is not in the set (any more). Please reload the page.' });
	const base = await practiceDraft(db, version.textId) ?? (await publishedPractice(db, version.textId))!;
	if (edit.kind === 'drop') questions.splice(at, 1);
	if (edit.kind === 'up' && at > 0) [questions[at - 1], questions[at]] = [questions[at], questions[at - 1]];
	if (edit.kind === 'down' && at < questions.length - 1) [questions[at + 1], questions[at]] = [questions[at], questions[at + 1]];
	if (edit.kind === 'edit') {
		const prompt = edit.prompt.normalize('NFC').trim();
		const explanation = edit.explanation.normalize('NFC').trim();
		if (!prompt || !explanation) return fail(400, { message: 'A question needs a prompt and feedback.', questionId: edit.id });
		if (prompt.length > 500 || explanation.length > 1000) return fail(400, { message: 'Keep the prompt to 500 characters and the feedback to 1,000.', questionId: edit.id });
		questions[at] = { ...questions[at], prompt, explanation };
	}
	await saveDraft(db, version.textId, base.textVersionId, questions);
	return { done: edit.kind === 'drop' ? 'Question dropped.' : edit.kind === 'edit' ? 'Question saved.' : 'Order changed.' };
}
