// Class texts, their versions and their practice versions in the database. A version that a
// published practice set was built on never changes: editing the text or its annotations then
// makes a new version, and editing a published set makes a new draft. Attempts name a question
// by id and content version (hash of its definition), so old attempts keep the question they
// answered (it stays in its practice version).
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Provenance } from '../../content/types';
import type { AppDatabase, Queryable } from '../db/open';
import { classes, classTexts, classTextVersions, enrollments, practiceVersions, type ClassTextVersion, type PracticeVersion } from '../db/schema';
import type { AnnotationEntry } from './annotate';
import { MAX_TEXTS_PER_CLASS } from './source';
import { lockRow, transaction } from '../db/transaction';

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
export async function createClassText(
	db: AppDatabase,
	classId: string,
	provenance: Provenance,
	body: string,
	annotations: AnnotationEntry[] = []
): Promise<string> {
	const id = newTextId();
	await transaction(db, async (tx) => {
		await lockRow(tx, classes, classes.id, classId);
		const count = (await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(classTexts).where(eq(classTexts.classId, classId)))[0].n;
		if (count >= MAX_TEXTS_PER_CLASS) throw new TextLimitError(`A class can hold ${MAX_TEXTS_PER_CLASS} texts.`);
		await tx.insert(classTexts).values({ id, classId, slug: provenance.id });
		await tx
			.insert(classTextVersions)
			.values({ textId: id, number: 1, provenance: JSON.stringify(provenance), body, annotations: JSON.stringify(annotations) });
	});
	return id;
}

/** Source ids already used in the class (a new text's id must differ). */
export async function slugsInClass(db: AppDatabase, classId: string): Promise<Set<string>> {
	return new Set((await db.select({ slug: classTexts.slug }).from(classTexts).where(eq(classTexts.classId, classId))).map((r) => r.slug));
}

export async function textCount(db: AppDatabase, classId: string): Promise<number> {
	return (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(classTexts).where(eq(classTexts.classId, classId)))[0].n;
}

/** The text's newest version. */
export async function currentVersion(db: Queryable, textId: string): Promise<TextVersion | null> {
	const row = (await db.select().from(classTextVersions).where(eq(classTextVersions.textId, textId)).orderBy(desc(classTextVersions.number)).limit(1))[0];
	return row ? toTextVersion(row) : null;
}

export async function textVersionById(db: AppDatabase, id: number): Promise<TextVersion | null> {
	const row = (await db.select().from(classTextVersions).where(eq(classTextVersions.id, id)))[0];
	return row ? toTextVersion(row) : null;
}

/** The class text, when it belongs to this class. */
export async function findClassText(db: AppDatabase, classId: string, textId: string) {
	return (await db
		.select()
		.from(classTexts)
		.where(and(eq(classTexts.id, textId), eq(classTexts.classId, classId)))
		)[0];
}

/** The ids of the class's texts. */
export async function textIdsOfClass(db: AppDatabase, classId: string): Promise<string[]> {
	return (await db.select({ id: classTexts.id }).from(classTexts).where(eq(classTexts.classId, classId))).map((row) => row.id);
}

/** The class of a text (for the student side, which reaches a text by its id). */
export async function textWithClass(db: AppDatabase, textId: string) {
	return (await db.select().from(classTexts).where(eq(classTexts.id, textId)))[0];
}

async function isPublishedOn(db: Queryable, textVersionId: number): Promise<boolean> {
	return (
		(await db
			.select({ id: practiceVersions.id })
			.from(practiceVersions)
			.where(and(eq(practiceVersions.textVersionId, textVersionId), isNotNull(practiceVersions.publishedAt)))
			.limit(1)
			).length > 0
	);
}

/**
 * Writes the text's provenance, body and annotations: into its current version while no
 * published set was built on it, else into a new version (the published one stays as it was).
 * Returns the version written.
 */
export async function writeTextVersion(
	db: AppDatabase,
	textId: string,
	changes: { provenance?: Provenance; body?: string; annotations?: AnnotationEntry[] }
): Promise<TextVersion> {
	return await transaction(db, async (tx) => {
		await lockRow(tx, classTexts, classTexts.id, textId);
		const current = await currentVersion(tx, textId);
		if (!current) throw new Error(`class text ${textId} has no version`);
		const next = {
			provenance: JSON.stringify(changes.provenance ?? current.provenance),
			body: changes.body ?? current.body,
			annotations: JSON.stringify(changes.annotations ?? current.annotations)
		};
		if (await isPublishedOn(tx, current.id)) {
			await tx.insert(classTextVersions).values({ textId, number: current.number + 1, ...next });
		} else {
			await tx.update(classTextVersions).set(next).where(eq(classTextVersions.id, current.id));
		}
		return (await currentVersion(tx, textId))!;
	});
}

export async function practiceDraft(db: Queryable, textId: string): Promise<StoredPractice | null> {
	const row = (await db
		.select()
		.from(practiceVersions)
		.where(and(eq(practiceVersions.textId, textId), isNull(practiceVersions.publishedAt)))
		.orderBy(desc(practiceVersions.number))
		.limit(1)
		)[0];
	return row ? toPractice(row) : null;
}

/** The newest published practice version: what students see. */
export async function publishedPractice(db: AppDatabase, textId: string): Promise<StoredPractice | null> {
	const row = (await db
		.select()
		.from(practiceVersions)
		.where(and(eq(practiceVersions.textId, textId), isNotNull(practiceVersions.publishedAt)))
		.orderBy(desc(practiceVersions.number))
		.limit(1)
		)[0];
	return row ? toPractice(row) : null;
}

export async function practiceVersionsOf(db: AppDatabase, textId: string): Promise<StoredPractice[]> {
	return (await db.select().from(practiceVersions).where(eq(practiceVersions.textId, textId)).orderBy(asc(practiceVersions.number))).map(toPractice);
}

/**
 * Saves the set being edited: into the draft if there is one, else as a new draft version (so a
 * published version is never changed).
 */
export async function saveDraft(db: AppDatabase, textId: string, textVersionId: number, questions: QuestionDefinition[]): Promise<StoredPractice> {
	return await transaction(db, async (tx) => {
		await lockRow(tx, classTexts, classTexts.id, textId);
		const draft = await practiceDraft(tx, textId);
		if (draft) {
			await tx
				.update(practiceVersions)
				.set({ questions: JSON.stringify(questions), textVersionId })
				.where(eq(practiceVersions.id, draft.id));
		} else {
			const last = (await tx
				.select({ n: sql<number>`coalesce(max(${practiceVersions.number}), 0)`.mapWith(Number) })
				.from(practiceVersions)
				.where(eq(practiceVersions.textId, textId))
				)[0].n;
			await tx.insert(practiceVersions).values({ textId, number: last + 1, textVersionId, questions: JSON.stringify(questions) });
		}
		return (await practiceDraft(tx, textId))!;
	});
}

/** Publishes the draft; returns false when there is none. */
export async function publishDraft(db: AppDatabase, textId: string, at = new Date()): Promise<boolean> {
	const draft = await practiceDraft(db, textId);
	if (!draft) return false;
	await db.update(practiceVersions).set({ publishedAt: at }).where(eq(practiceVersions.id, draft.id));
	return true;
}

/** Throws the draft away (the published version, if any, stays). */
export async function discardDraft(db: AppDatabase, textId: string): Promise<void> {
	await db.delete(practiceVersions).where(and(eq(practiceVersions.textId, textId), isNull(practiceVersions.publishedAt)));
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
export async function classTextLines(db: AppDatabase, classId: string): Promise<ClassTextLine[]> {
	const texts = await db.select().from(classTexts).where(eq(classTexts.classId, classId)).orderBy(desc(classTexts.createdAt));
	return Promise.all(texts.map(async (text) => {
		const version = (await currentVersion(db, text.id))!;
		const published = await publishedPractice(db, text.id);
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
			draft: (await practiceDraft(db, text.id)) !== null,
			published: published ? { number: published.number, questions: published.questions.length, at: published.publishedAt! } : null
		};
	}));
}

/** Published practice in the classes this student is enrolled in, newest first. */
export async function publishedForStudent(db: AppDatabase, userId: string): Promise<{ textId: string; classId: string; className: string }[]> {
	return (await db
		.selectDistinct({ textId: classTexts.id, classId: classes.id, className: classes.name, createdAt: classTexts.createdAt })
		.from(enrollments)
		.innerJoin(classes, eq(classes.id, enrollments.classId))
		.innerJoin(classTexts, eq(classTexts.classId, classes.id))
		.innerJoin(practiceVersions, and(eq(practiceVersions.textId, classTexts.id), isNotNull(practiceVersions.publishedAt)))
		.where(eq(enrollments.userId, userId))
		.orderBy(desc(classTexts.createdAt))
		)
		.map(({ textId, classId, className }) => ({ textId, classId, className }));
}

/** Texts of this class with a published set, oldest first (the report's column order). */
export async function publishedTextsOfClass(db: AppDatabase, classId: string): Promise<{ textId: string; title: string; practice: StoredPractice }[]> {
	const texts = await db.select().from(classTexts).where(eq(classTexts.classId, classId)).orderBy(asc(classTexts.createdAt));
	const found: { textId: string; title: string; practice: StoredPractice }[] = [];
	for (const text of texts) {
		const practice = await publishedPractice(db, text.id);
		if (!practice) continue;
		const version = (await textVersionById(db, practice.textVersionId))!;
		found.push({ textId: text.id, title: version.provenance.title, practice });
	}
	return found;
}
