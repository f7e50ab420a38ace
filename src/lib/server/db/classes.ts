import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { checkName, CLASS_NAME } from '../names';
import type { Queryable } from './open';
import { first, rowsChanged } from './results';
import { classes, enrollments, users, type Class } from './schema';

/** Join codes avoid look-alikes (0/O, 1/I/L) so they survive being read off a board. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;

/** `length` characters from JOIN_CODE_ALPHABET; rejection sampling keeps each equally likely. */
export function randomCode(length: number): string {
	const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
	const chars: string[] = [];
	while (chars.length < length) {
		for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
			if (byte < limit && chars.length < length) chars.push(JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length]);
		}
	}
	return chars.join('');
}

export function generateJoinCode(): string {
	return randomCode(JOIN_CODE_LENGTH);
}

/** Codes are typed in any case, with or without spaces and dashes. */
export function normaliseJoinCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '');
}

export const CLASS_DESCRIPTION_MAX = 300;

/** A class's name and description as typed, checked the same way when it is created and renamed. */
export function checkClassDetails(
	name: string,
	description: string
): { ok: true; name: string; description: string | null } | { ok: false; message: string } {
	const checked = checkName(name, CLASS_NAME);
	if (!checked.ok) return checked;
	const text = description.normalize('NFC').trim();
	if (text.length > CLASS_DESCRIPTION_MAX) return { ok: false, message: `Keep the description to ${CLASS_DESCRIPTION_MAX} characters.` };
	return { ok: true, name: checked.name, description: text || null };
}

export async function createClass(db: Queryable, instructorId: string, name: string, description: string | null): Promise<Class> {
	const id = crypto.randomUUID();
	await db.insert(classes).values({ id, instructorId, name, description, joinCode: generateJoinCode() });
	return (await findClass(db, id))!;
}

export interface ClassSummary {
	id: string;
	name: string;
	description: string | null;
	joinCode: string | null;
	archived: boolean;
	students: number;
}

export async function classesTaughtBy(db: Queryable, instructorId: string): Promise<ClassSummary[]> {
	const rows = await db
		.select({
			id: classes.id,
			name: classes.name,
			description: classes.description,
			joinCode: classes.joinCode,
			archived: sql<boolean>`${classes.archivedAt} is not null`,
			students: sql<number>`(select count(*) from ${enrollments} where ${enrollments.classId} = ${classes.id})`.mapWith(Number)
		})
		.from(classes)
		.where(eq(classes.instructorId, instructorId))
		.orderBy(sql`${classes.archivedAt} is not null`, asc(classes.archivedAt), asc(classes.name));
	return rows.map((row) => ({ ...row, archived: Boolean(row.archived) }));
}

export async function findClass(db: Queryable, classId: string): Promise<Class | undefined> {
	return first(db.select().from(classes).where(eq(classes.id, classId)));
}

export async function classStudents(db: Queryable, classId: string) {
	return db
		.select({ id: users.id, username: users.username, displayName: users.displayName, joinedAt: enrollments.joinedAt })
		.from(enrollments)
		.innerJoin(users, eq(enrollments.userId, users.id))
		.where(eq(enrollments.classId, classId))
		// The same order on both databases: names without case, students without one last.
		.orderBy(sql`${users.displayName} is null`, sql`lower(${users.displayName})`, asc(users.id));
}

/** One student of the class, or undefined if they are not in it. */
export async function classStudent(db: Queryable, classId: string, userId: string) {
	return first(
		db
			.select({ id: users.id, username: users.username, displayName: users.displayName, joinedAt: enrollments.joinedAt })
			.from(enrollments)
			.innerJoin(users, eq(enrollments.userId, users.id))
			.where(and(eq(enrollments.classId, classId), eq(enrollments.userId, userId)))
	);
}

export async function updateClass(db: Queryable, classId: string, changes: Partial<Pick<Class, 'name' | 'description' | 'joinCode' | 'archivedAt'>>): Promise<void> {
	await db.update(classes).set(changes).where(eq(classes.id, classId));
}

/**
 * Takes the student out of the class; false if they were not in it. Only the enrollment row goes:
 * their answers stay, so putting them back (restoreEnrollment) or their joining again shows them
 * as they were.
 */
export async function removeStudent(db: Queryable, classId: string, userId: string): Promise<boolean> {
	return rowsChanged(await db.delete(enrollments).where(and(eq(enrollments.classId, classId), eq(enrollments.userId, userId)))) > 0;
}

/**
 * Puts a removed student back in the class with the date they first joined (undoing a removal).
 * Only a student account that still exists is enrolled, as by a join code. False if nothing
 * was added (not a student, or already in the class).
 */
export async function restoreEnrollment(db: Queryable, classId: string, userId: string, joined: Date): Promise<boolean> {
	const user = await first(db.select({ role: users.role }).from(users).where(eq(users.id, userId)));
	if (user?.role !== 'student') return false;
	return rowsChanged(await db.insert(enrollments).values({ classId, userId, joinedAt: joined }).onConflictDoNothing()) > 0;
}

export async function isEnrolled(db: Queryable, classId: string, userId: string): Promise<boolean> {
	const row = await first(
		db
			.select({ one: sql`1` })
			.from(enrollments)
			.where(and(eq(enrollments.classId, classId), eq(enrollments.userId, userId)))
	);
	return row !== undefined;
}

/**
 * Joins the open, unarchived class with this code. Returns the class, or null if no class has
 * it or the user is not a student. Only students are enrolled: an instructor in someone
 * else's class would be listed as a student there, and could be issued a reset code.
 */
export async function joinClassByCode(db: Queryable, userId: string, code: string): Promise<Class | null> {
	const user = await first(db.select({ role: users.role }).from(users).where(eq(users.id, userId)));
	if (user?.role !== 'student') return null;
	const found = await first(
		db
			.select()
			.from(classes)
			.where(and(eq(classes.joinCode, normaliseJoinCode(code)), isNull(classes.archivedAt)))
	);
	if (!found) return null;
	await db.insert(enrollments).values({ classId: found.id, userId }).onConflictDoNothing();
	return found;
}

/** A class as its join code shows it to someone about to join: its name and its instructor's. */
export interface ClassForCode {
	id: string;
	name: string;
	instructorId: string;
	instructorName: string;
	/** False once archived: the code is kept but no longer joins. */
	open: boolean;
}

/**
 * The class with this join code, whether or not it still takes students (an archived class keeps
 * its code, so a learner can be told it has closed). Null when no class has the code, which is
 * also the case once its instructor has turned joining off.
 */
export async function classForJoinCode(db: Queryable, code: string): Promise<ClassForCode | null> {
	const row = await first(
		db
		.select({
			id: classes.id,
			name: classes.name,
			instructorId: classes.instructorId,
			instructorName: users.displayName,
			archivedAt: classes.archivedAt
		})
		.from(classes)
		.innerJoin(users, eq(classes.instructorId, users.id))
		.where(eq(classes.joinCode, normaliseJoinCode(code)))
	);
	if (!row) return null;
	return { id: row.id, name: row.name, instructorId: row.instructorId, instructorName: row.instructorName ?? 'your teacher', open: row.archivedAt === null };
}

export async function classesOfStudent(db: Queryable, userId: string) {
	return db
		.select({ id: classes.id, name: classes.name, instructor: users.displayName })
		.from(enrollments)
		.innerJoin(classes, eq(enrollments.classId, classes.id))
		.innerJoin(users, eq(classes.instructorId, users.id))
		.where(eq(enrollments.userId, userId))
		.orderBy(asc(classes.name));
}
