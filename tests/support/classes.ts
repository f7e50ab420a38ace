// A class and its instructor written straight into the test server's database (as the demo data
// is), so learner-side specs get a join code without depending on how the teacher pages look.
import { E2E_DATABASE } from '../../playwright.config';
import { signUp } from '../../src/lib/server/auth/accounts';
import { createClass, updateClass } from '../../src/lib/server/db/classes';
import { openDatabase, sqliteClient } from '../../src/lib/server/db/open';

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
	const db = openDatabase(E2E_DATABASE);
	try {
		const teacher = { username: unique('teacher'), displayName: options.teacher ?? 'Ms Okafor', password: TEACHER_PASSWORD };
		const account = await signUp(db, { ...teacher, role: 'instructor' }, null);
		if (!account.ok) throw new Error(account.message);
		const klass = await createClass(db, account.userId, options.name ?? `Period ${Math.floor(Math.random() * 9) + 1} media`, null);
		if (options.closed) await updateClass(db, klass.id, { archivedAt: new Date() });
		return { id: klass.id, name: klass.name, code: klass.joinCode!, teacher };
	} finally {
		sqliteClient(db).close();
	}
}

export const STUDENT_PASSWORD = 'seven quiet owls read maps';

/** A student account written straight into the database, to sign in with. */
export async function makeStudent(displayName = 'Sam Student'): Promise<{ id: string; username: string; displayName: string; password: string }> {
	const db = openDatabase(E2E_DATABASE);
	try {
		const student = { username: unique('student'), displayName, password: STUDENT_PASSWORD };
		const account = await signUp(db, { ...student, role: 'student' }, null);
		if (!account.ok) throw new Error(account.message);
		return { id: account.userId, ...student };
	} finally {
		sqliteClient(db).close();
	}
}

/** Who is in a class (user ids), read from the database. */
export function membersOf(classId: string): string[] {
	const db = openDatabase(E2E_DATABASE);
	try {
		return sqliteClient(db).prepare('select user_id from enrollments where class_id = ?').pluck().all(classId) as string[];
	} finally {
		sqliteClient(db).close();
	}
}
