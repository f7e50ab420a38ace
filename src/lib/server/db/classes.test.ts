import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	classesOfStudent,
	classesTaughtBy,
	classStudents,
	createClass,
	checkClassDetails,
	classForJoinCode,
	generateJoinCode,
	JOIN_CODE_ALPHABET,
	joinClassByCode,
	removeStudent,
	updateClass
} from './classes';
import { sqliteClient, openDatabase } from './open';
import { users } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'course-classes-'));
const db = openDatabase(join(dir, 'app.db'));
await db.insert(users)
	.values([
		{ id: 'teacher', role: 'instructor', username: 'teacher', displayName: 'Ms T' },
		{ id: 'sam', role: 'student', username: 'sam', displayName: 'Sam' },
		{ id: 'colleague', role: 'instructor', username: 'colleague', displayName: 'Mr C' }
	]);
afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

describe('join codes', () => {
	it('are 8 characters from an alphabet without look-alikes', async () => {
		for (let i = 0; i < 200; i++) expect(generateJoinCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
		expect(JOIN_CODE_ALPHABET).not.toMatch(/[01IOL]/);
	});
});

describe('classes', () => {
	it('a student joins with the code in any case and spacing, once, and can be removed', async () => {
		const made = await createClass(db, 'teacher', 'Period 3', null);
		const typed = `${made.joinCode!.slice(0, 4).toLowerCase()} ${made.joinCode!.slice(4)}`;
		expect((await joinClassByCode(db, 'sam', typed))?.id).toBe(made.id);
		expect((await joinClassByCode(db, 'sam', made.joinCode!))?.id).toBe(made.id);
		expect((await classStudents(db, made.id)).map((s) => s.username)).toEqual(['sam']);
		expect(await classesOfStudent(db, 'sam')).toEqual([{ id: made.id, name: 'Period 3', instructor: 'Ms T' }]);
		expect((await classesTaughtBy(db, 'teacher')).find((c) => c.id === made.id)?.students).toBe(1);
		await removeStudent(db, made.id, 'sam');
		expect(await classStudents(db, made.id)).toEqual([]);
	});

	it('refuses a wrong, turned-off or archived class’s code', async () => {
		const made = await createClass(db, 'teacher', 'Period 4', 'desc');
		expect(await joinClassByCode(db, 'sam', 'WRONG123')).toBeNull();
		await updateClass(db, made.id, { archivedAt: new Date() });
		expect(await joinClassByCode(db, 'sam', made.joinCode!)).toBeNull();
		await updateClass(db, made.id, { archivedAt: null, joinCode: null });
		expect(await joinClassByCode(db, 'sam', made.joinCode!)).toBeNull();
	});
});

describe('who can be in a class', () => {
	it('enrolls students only: an instructor with the code is not added', async () => {
		const made = await createClass(db, 'teacher', 'Period 7', null);
		expect(await joinClassByCode(db, 'colleague', made.joinCode!)).toBeNull();
		expect(await classStudents(db, made.id)).toEqual([]);
		expect((await joinClassByCode(db, 'sam', made.joinCode!))?.id).toBe(made.id);
		expect((await classStudents(db, made.id)).map((s) => s.username)).toEqual(['sam']);
	});

	it('says whether a student was really removed', async () => {
		const made = await createClass(db, 'teacher', 'Period 8', null);
		await joinClassByCode(db, 'sam', made.joinCode!);
		expect(await removeStudent(db, made.id, 'sam')).toBe(true);
		expect(await removeStudent(db, made.id, 'sam')).toBe(false);
		expect(await removeStudent(db, made.id, 'no-such-user')).toBe(false);
	});
});

describe('checkClassDetails', () => {
	it('applies the name rule and the 300-character description limit', async () => {
		expect(checkClassDetails('  Period 3  ', '  Tuesdays ')).toEqual({ ok: true, name: 'Period 3', description: 'Tuesdays' });
		expect(checkClassDetails('Period 3', '   ')).toEqual({ ok: true, name: 'Period 3', description: null });
		expect(checkClassDetails('Period 3', 'd'.repeat(300))).toMatchObject({ ok: true });
		expect(checkClassDetails('Period 3', 'd'.repeat(301))).toEqual({ ok: false, message: 'Keep the description to 300 characters.' });
		expect(checkClassDetails('', '')).toMatchObject({ ok: false });
		expect(checkClassDetails('a'.repeat(81), '')).toMatchObject({ ok: false });
		for (const name of ['Period\r\n3', 'Period\t3', '\u202EPeriod 3', '\u200B\u200D']) {
			expect(checkClassDetails(name, '').ok, JSON.stringify(name)).toBe(false);
		}
	});
});

describe('classForJoinCode', () => {
	it('names the class and its teacher, in any case, and says when it has closed', async () => {
		const made = await createClass(db, 'teacher', 'Period 8', null);
		expect(await classForJoinCode(db, made.joinCode!.toLowerCase())).toEqual({
			id: made.id,
			name: 'Period 8',
			instructorId: 'teacher',
			instructorName: 'Ms T',
			open: true
		});
		await updateClass(db, made.id, { archivedAt: new Date() });
		expect(await classForJoinCode(db, made.joinCode!)).toMatchObject({ open: false });
		await updateClass(db, made.id, { joinCode: null });
		expect(await classForJoinCode(db, made.joinCode!)).toBeNull();
		expect(await classForJoinCode(db, 'NOSUCHCD')).toBeNull();
	});
});
