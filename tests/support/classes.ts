// A class and its instructor written straight into the test server's database (as the demo data
// is), so learner-side specs get a join code without depending on how the teacher pages look.
import { signUp } from '../../src/lib/server/auth/accounts';
import { createClass, updateClass } from '../../src/lib/server/db/classes';
import { eq } from 'drizzle-orm';
import { closeDatabase } from '../../src/lib/server/db/open';
import { enrollments } from '../../src/lib/server/db/schema';
import { openE2eDatabase } from './e2e-database';

export const TEACHER_PASSWORD = 'tall ladders lean on quiet walls';

export interface TestClass {
	id: string;
	name: string;
	code: string;
	teacher: { username: string; displayName: string; password: string };
}

const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

/** A new instructor with one open class; `closed` archives it, so its code no longer joins. */
export async function makeClass(options: { name?: string; teacher?: string; closed?: boolean } = {}): Promise<TestClass> {
	const db = await openE2eDatabase();
	try {
		const teacher = { username: unique('teacher'), displayName: options.teacher ?? 'Ms Okafor', password: TEACHER_PASSWORD };
		const account = await signUp(db, { ...teacher, role: 'instructor' }, null);
		if (!account.ok) throw new Error(account.message);
		const klass = await createClass(db, account.userId, options.name ?? `Period ${Math.floor(Math.random() * 9) + 1} media`, null);
		if (options.closed) await updateClass(db, klass.id, { archivedAt: new Date() });
		return { id: klass.id, name: klass.name, code: klass.joinCode!, teacher };
	} finally {
		await closeDatabase(db);
	}
}

export const STUDENT_PASSWORD = 'seven quiet owls read maps';

/** A student account written straight into the database, to sign in with. */
export async function makeStudent(displayName = 'Sam Student'): Promise<{ id: string; username: string; displayName: string; password: string }> {
	const db = await openE2eDatabase();
	try {
		const student = { username: unique('student'), displayName, password: STUDENT_PASSWORD };
		const account = await signUp(db, { ...student, role: 'student' }, null);
		if (!account.ok) throw new Error(account.message);
		return { id: account.userId, ...student };
	} finally {
		await closeDatabase(db);
	}
}

/** Who is in a class (user ids), read from the database. */
export async function membersOf(classId: string): Promise<string[]> {
	const db = await openE2eDatabase();
	try {
		return (await db.select({ userId: enrollments.userId }).from(enrollments).where(eq(enrollments.classId, classId))).map((row) => row.userId);
	} finally {
		await closeDatabase(db);
	}
}
