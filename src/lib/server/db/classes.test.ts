import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	classesOfStudent,
	classesTaughtBy,
	classStudents,
	createClass,
	generateJoinCode,
	JOIN_CODE_ALPHABET,
	joinClassByCode,
	removeStudent,
	updateClass
} from './classes';
import { openDatabase } from './open';
import { users } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'course-classes-'));
const db = openDatabase(join(dir, 'app.db'));
db.insert(users)
	.values([
		{ id: 'teacher', role: 'instructor', username: 'teacher', displayName: 'Ms T' },
		{ id: 'sam', role: 'student', username: 'sam', displayName: 'Sam' }
	])
	.run();
afterAll(() => {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('join codes', () => {
	it('are 8 characters from an alphabet without look-alikes', () => {
		for (let i = 0; i < 200; i++) expect(generateJoinCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
		expect(JOIN_CODE_ALPHABET).not.toMatch(/[01IOL]/);
	});
});

describe('classes', () => {
	it('a student joins with the code in any case and spacing, once, and can be removed', () => {
		const made = createClass(db, 'teacher', 'Period 3', null);
		const typed = `${made.joinCode!.slice(0, 4).toLowerCase()} ${made.joinCode!.slice(4)}`;
		expect(joinClassByCode(db, 'sam', typed)?.id).toBe(made.id);
		expect(joinClassByCode(db, 'sam', made.joinCode!)?.id).toBe(made.id);
		expect(classStudents(db, made.id).map((s) => s.username)).toEqual(['sam']);
		expect(classesOfStudent(db, 'sam')).toEqual([{ id: made.id, name: 'Period 3', instructor: 'Ms T' }]);
		expect(classesTaughtBy(db, 'teacher').find((c) => c.id === made.id)?.students).toBe(1);
		removeStudent(db, made.id, 'sam');
		expect(classStudents(db, made.id)).toEqual([]);
	});

	it('refuses a wrong, turned-off or archived class’s code', () => {
		const made = createClass(db, 'teacher', 'Period 4', 'desc');
		expect(joinClassByCode(db, 'sam', 'WRONG123')).toBeNull();
		updateClass(db, made.id, { archivedAt: new Date() });
		expect(joinClassByCode(db, 'sam', made.joinCode!)).toBeNull();
		updateClass(db, made.id, { archivedAt: null, joinCode: null });
		expect(joinClassByCode(db, 'sam', made.joinCode!)).toBeNull();
	});
});
