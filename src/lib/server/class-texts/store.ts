// Class texts, their versions and their practice versions in the database. A version that a
// published practice set was built on never changes: editing the text or its annotations then
// makes a new version, and editing a published set makes a new draft. Attempts name a question
// by id and content version (hash of its definition), so old attempts keep the question they
// answered (it stays in its practice version).
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Provenance } from '../../content/types';
import type { AppDatabase } from '../db/open';
import { classes, classTexts, classTextVersions, enrollments, practiceVersions, type ClassTextVersion, type PracticeVersion } from '../db/schema';
import type { AnnotationEntry } from './annotate';
import { MAX_TEXTS_PER_CLASS } from './source';

/** A question definition as in a lesson's questions.yaml (validated before it is stored). */
export type QuestionDefinition = { id: string; type: string; prompt: string; explanation: string } & Record<string, unknown>;

export interface TextVersion {
	id: number;
	textId: string;
	number: number;
	provenance: Provenance;
	body: string;
	annotations: AnnotationEntry[];
}

export interface StoredPractice {
	id: number;
	textId: string;
	number: number;
	textVersionId: number;
	questions: QuestionDefinition[];
	publishedAt: number | null;
}

function toTextVersion(row: ClassTextVersion): TextVersion {
	return {
		id: row.id,
		textId: row.textId,
		number: row.number,
		provenance: JSON.parse(row.provenance),
		body: row.body,
		annotations: JSON.parse(row.annotations)
	};
}

function toPractice(row: PracticeVersion): StoredPractice {
	return {
		id: row.id,
		textId: row.textId,
		number: row.number,
		textVersionId: row.textVersionId,
		questions: JSON.parse(row.questions),
		publishedAt: row.publishedAt ? row.publishedAt.getTime() : null
	};
}

/** Ids are lower-case letters and digits, so they fit attempt ids and addresses as they are. */
function newTextId(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
	return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => alphabet[b % alphabet.length]).join('');
}

export class TextLimitError extends Error {}

/** Adds a text with its first version; refuses past MAX_TEXTS_PER_CLASS. */
export function createClassText(
	db: AppDatabase,
	classId: string,
	provenance: Provenance,
	body: string,
	annotations: AnnotationEntry[] = []
): string {
	const id = newTextId();
	db.transaction((tx) => {
		const count = tx.select({ n: sql<number>`count(*)` }).from(classTexts).where(eq(classTexts.classId, classId)).all()[0].n;
		if (count >= MAX_TEXTS_PER_CLASS) throw new TextLimitError(`A class can hold ${MAX_TEXTS_PER_CLASS} texts.`);
		tx.insert(classTexts).values({ id, classId, slug: provenance.id }).run();
		tx.insert(classTextVersions)
			.values({ textId: id, number: 1, provenance: JSON.stringify(provenance), body, annotations: JSON.stringify(annotations) })
			.run();
	});
	return id;
}

/** Source ids already used in the class (a new text's id must differ). */
export function slugsInClass(db: AppDatabase, classId: string): Set<string> {
	return new Set(db.select({ slug: classTexts.slug }).from(classTexts).where(eq(classTexts.classId, classId)).all().map((r) => r.slug));
}

export function textCount(db: AppDatabase, classId: string): number {
	return db.select({ n: sql<number>`count(*)` }).from(classTexts).where(eq(classTexts.classId, classId)).all()[0].n;
}

/** The text's newest version. */
export function currentVersion(db: AppDatabase, textId: string): TextVersion | null {
	const row = db.select().from(classTextVersions).where(eq(classTextVersions.textId, textId)).orderBy(desc(classTextVersions.number)).limit(1).all()[0];
	return row ? toTextVersion(row) : null;
}

export function textVersionById(db: AppDatabase, id: number): TextVersion | null {
	const row = db.select().from(classTextVersions).where(eq(classTextVersions.id, id)).all()[0];
	return row ? toTextVersion(row) : null;
}

/** The class text, when it belongs to this class. */
export function findClassText(db: AppDatabase, classId: string, textId: string) {
	return db
		.select()
		.from(classTexts)
		.where(and(eq(classTexts.id, textId), eq(classTexts.classId, classId)))
		.all()[0];
}

/** The class of a text (for the student side, which reaches a text by its id). */
export function textWithClass(db: AppDatabase, textId: string) {
	return db.select().from(classTexts).where(eq(classTexts.id, textId)).all()[0];
}

function isPublishedOn(db: AppDatabase, textVersionId: number): boolean {
	return (
		db
			.select({ id: practiceVersions.id })
			.from(practiceVersions)
			.where(and(eq(practiceVersions.textVersionId, textVersionId), isNotNull(practiceVersions.publishedAt)))
			.limit(1)
			.all().length > 0
	);
}

/**
 * Writes the text's provenance, body and annotations: into its current version while no
 * published set was built on it, else into a new version (the published one stays as it was).
 * Returns the version written.
 */
export function writeTextVersion(
	db: AppDatabase,
	textId: string,
	changes: { provenance?: Provenance; body?: string; annotations?: AnnotationEntry[] }
): TextVersion {
	return db.transaction(() => {
		const current = currentVersion(db, textId);
		if (!current) throw new Error(`class text ${textId} has no version`);
		const next = {
			provenance: JSON.stringify(changes.provenance ?? current.provenance),
			body: changes.body ?? current.body,
			annotations: JSON.stringify(changes.annotations ?? current.annotations)
		};
		if (isPublishedOn(db, current.id)) {
			db.insert(classTextVersions)
				.values({ textId, number: current.number + 1, ...next })
				.run();
		} else {
			db.update(classTextVersions).set(next).where(eq(classTextVersions.id, current.id)).run();
		}
		return currentVersion(db, textId)!;
	});
}

export function practiceDraft(db: AppDatabase, textId: string): StoredPractice | null {
	const row = db
		.select()
		.from(practiceVersions)
		.where(and(eq(practiceVersions.textId, textId), isNull(practiceVersions.publishedAt)))
		.orderBy(desc(practiceVersions.number))
		.limit(1)
		.all()[0];
	return row ? toPractice(row) : null;
}

/** The newest published practice version: what students see. */
export function publishedPractice(db: AppDatabase, textId: string): StoredPractice | null {
	const row = db
		.select()
		.from(practiceVersions)
		.where(and(eq(practiceVersions.textId, textId), isNotNull(practiceVersions.publishedAt)))
		.orderBy(desc(practiceVersions.number))
		.limit(1)
		.all()[0];
	return row ? toPractice(row) : null;
}

export function practiceVersionsOf(db: AppDatabase, textId: string): StoredPractice[] {
	return db.select().from(practiceVersions).where(eq(practiceVersions.textId, textId)).orderBy(asc(practiceVersions.number)).all().map(toPractice);
}

/**
 * Saves the set being edited: into the draft if there is one, else as a new draft version (so a
 * published version is never changed).
 */
export function saveDraft(db: AppDatabase, textId: string, textVersionId: number, questions: QuestionDefinition[]): StoredPractice {
	return db.transaction(() => {
		const draft = practiceDraft(db, textId);
		if (draft) {
			db.update(practiceVersions)
				.set({ questions: JSON.stringify(questions), textVersionId })
				.where(eq(practiceVersions.id, draft.id))
				.run();
		} else {
			const last = db
				.select({ n: sql<number>`coalesce(max(${practiceVersions.number}), 0)` })
				.from(practiceVersions)
				.where(eq(practiceVersions.textId, textId))
				.all()[0].n;
			db.insert(practiceVersions)
				.values({ textId, number: last + 1, textVersionId, questions: JSON.stringify(questions) })
				.run();
		}
		return practiceDraft(db, textId)!;
	});
}

/** Publishes the draft; returns false when there is none. */
export function publishDraft(db: AppDatabase, textId: string, at = new Date()): boolean {
	const draft = practiceDraft(db, textId);
	if (!draft) return false;
	db.update(practiceVersions).set({ publishedAt: at }).where(eq(practiceVersions.id, draft.id)).run();
	return true;
}

/** Throws the draft away (the published version, if any, stays). */
export function discardDraft(db: AppDatabase, textId: string): void {
	db.delete(practiceVersions).where(and(eq(practiceVersions.textId, textId), isNull(practiceVersions.publishedAt))).run();
}

export interface ClassTextLine {
	id: string;
	slug: string;
	title: string;
	outlet: string;
	version: number;
	createdAt: number;
	annotations: AnnotationEntry[];
	body: string;
	provenance: Provenance;
	draft: boolean;
	published: { number: number; questions: number; at: number } | null;
}

/** The class's texts, newest first, with what the list shows of each. */
export function classTextLines(db: AppDatabase, classId: string): ClassTextLine[] {
	const texts = db.select().from(classTexts).where(eq(classTexts.classId, classId)).orderBy(desc(classTexts.createdAt)).all();
	return texts.map((text) => {
		const version = currentVersion(db, text.id)!;
		const published = publishedPractice(db, text.id);
		return {
			id: text.id,
			slug: text.slug,
			title: version.provenance.title,
			outlet: version.provenance.outlet,
			version: version.number,
			createdAt: text.createdAt.getTime(),
			annotations: version.annotations,
			body: version.body,
			provenance: version.provenance,
			draft: practiceDraft(db, text.id) !== null,
			published: published ? { number: published.number, questions: published.questions.length, at: published.publishedAt! } : null
		};
	});
}

/** Published practice in the classes this student is enrolled in, newest first. */
export function publishedForStudent(db: AppDatabase, userId: string): { textId: string; classId: string; className: string }[] {
	return db
		.selectDistinct({ textId: classTexts.id, classId: classes.id, className: classes.name, createdAt: classTexts.createdAt })
		.from(enrollments)
		.innerJoin(classes, eq(classes.id, enrollments.classId))
		.innerJoin(classTexts, eq(classTexts.classId, classes.id))
		.innerJoin(practiceVersions, and(eq(practiceVersions.textId, classTexts.id), isNotNull(practiceVersions.publishedAt)))
		.where(eq(enrollments.userId, userId))
		.orderBy(desc(classTexts.createdAt))
		.all()
		.map(({ textId, classId, className }) => ({ textId, classId, className }));
}

/** Texts of this class with a published set, oldest first (the report's column order). */
export function publishedTextsOfClass(db: AppDatabase, classId: string): { textId: string; title: string; practice: StoredPractice }[] {
	const texts = db.select().from(classTexts).where(eq(classTexts.classId, classId)).orderBy(asc(classTexts.createdAt)).all();
	const found: { textId: string; title: string; practice: StoredPractice }[] = [];
	for (const text of texts) {
		const practice = publishedPractice(db, text.id);
		if (!practice) continue;
		const version = textVersionById(db, practice.textVersionId)!;
		found.push({ textId: text.id, title: version.provenance.title, practice });
	}
	return found;
}
