import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createDemoData,
	DEMO_CLASS_NAME,
	DEMO_INSTRUCTOR_PASSWORD,
	DEMO_STUDENT_PASSWORD,
	type DemoResult
} from '../../scripts/demo-data';
import { checkCredentials } from '../../src/lib/server/auth/accounts';
import { buildCourse, type Course } from '../../src/lib/server/content/course';
import { classStudents } from '../../src/lib/server/db/classes';
import { openDatabase, sqliteClient, type AppDatabase } from '../../src/lib/server/db/open';
import { attempts, classes, enrollments, users, type Attempt } from '../../src/lib/server/db/schema';
import { questionType } from '../../src/lib/quiz/registry';

const NOW = Date.UTC(2026, 2, 20, 15, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

const dir = mkdtempSync(join(tmpdir(), 'course-demo-'));
let db: AppDatabase;
let course: Course;
let first: DemoResult;
let firstRows: Attempt[];
let firstComparable: Awaited<ReturnType<typeof comparable>>;

/** The stored response as the answer form would post it. */
function formOf(type: string, response: Record<string, unknown>): FormData {
	const form = new FormData();
	if (type === 'choice') for (const id of response.selected as string[]) form.append('choice', id);
	if (type === 'highlight') for (const unit of response.selected as number[]) form.append('unit', String(unit));
	if (type === 'classify') for (const [item, label] of Object.entries(response.labels as object)) form.append(`item-${item}`, label);
	if (type === 'match') for (const [left, right] of Object.entries(response.pairs as object)) form.append(`pair-${left}`, right);
	if (type === 'respond') for (const [field, text] of Object.entries(response.fields as object)) form.append(`field-${field}`, text);
	return form;
}

/** Attempts with user ids replaced by usernames, so two runs can be compared. */
async function comparable(rows: Attempt[]) {
	const names = new Map((await db.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.id, u.username]));
	return rows.map(({ id: _id, userId, ...rest }) => ({ ...rest, user: names.get(userId) }));
}

beforeAll(async () => {
	db = openDatabase(join(dir, 'app.db'));
	course = await buildCourse(resolve('lessons'));
	first = await createDemoData(db, course, { seed: 11, now: NOW });
	firstRows = await db.select().from(attempts).orderBy(attempts.id);
	firstComparable = await comparable(firstRows);
});

afterAll(() => {
	if (db) sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

describe('createDemoData', () => {
	it('makes an instructor and a class of 30 enrolled students who can sign in', async () => {
		expect(first.students).toBe(30);
		expect(first.instructor).toEqual({ username: 'demo_teacher', password: DEMO_INSTRUCTOR_PASSWORD });
		const klass = await db.select().from(classes);
		expect(klass).toHaveLength(1);
		expect(klass[0]).toMatchObject({ id: first.classId, name: DEMO_CLASS_NAME, joinCode: first.joinCode, archivedAt: null });

		const roster = await classStudents(db, first.classId);
		expect(roster).toHaveLength(30);
		expect(roster.map((s) => s.username).sort()).toEqual(
			Array.from({ length: 30 }, (_, i) => `demo_student_${String(i + 1).padStart(2, '0')}`)
		);
		expect(new Set(roster.map((s) => s.displayName)).size).toBe(30);

		const teacherId = await checkCredentials(db, 'demo_teacher', DEMO_INSTRUCTOR_PASSWORD);
		expect(teacherId).not.toBeNull();
		expect((await db.select().from(users)).find((u) => u.id === teacherId)?.role).toBe('instructor');
		expect(await checkCredentials(db, 'demo_student_07', DEMO_STUDENT_PASSWORD)).not.toBeNull();
	});

	it('stores valid, really graded attempts across the course, in the past three weeks', () => {
		expect(first.attempts).toBe(firstRows.length);
		expect(firstRows.length).toBeGreaterThan(30 * 20);
		expect(new Set(firstRows.map((a) => a.lessonSlug))).toEqual(new Set(course.lessons.map((l) => l.slug)));

		for (const attempt of firstRows) {
			const question = course.questions.get(attempt.questionId)!;
			expect(course.lessons.find((l) => l.slug === attempt.lessonSlug)?.questionIds).toContain(attempt.questionId);
			expect(attempt.contentVersion).toBe(question.version);
			expect(attempt.total).toBeGreaterThan(0);
			expect(attempt.earned).toBeGreaterThanOrEqual(0);
			expect(attempt.earned).toBeLessThanOrEqual(attempt.total);
			expect(attempt.createdAt.getTime()).toBeLessThan(NOW);
			expect(attempt.createdAt.getTime()).toBeGreaterThan(NOW - 23 * DAY);
			// What the answer form would have accepted, and graded as stored.
			const type = questionType(question.type);
			const response = JSON.parse(attempt.response);
			const parsed = type.parseResponse(formOf(question.type, response), type.toPublic(question.definition, question.version));
			expect(parsed).toEqual({ ok: true, response });
			expect(type.grade(question.definition, response).earned).toBeCloseTo(attempt.earned, 10);
		}
		// Both right and wrong answers, and "first" and "latest" (found by id) follow time.
		expect(firstRows.some((a) => a.earned === a.total)).toBe(true);
		expect(firstRows.some((a) => a.earned < a.total)).toBe(true);
		const times = firstRows.map((a) => a.createdAt.getTime());
		expect(times).toEqual([...times].sort((a, b) => a - b));
	});

	it('has most students take the before check, and whoever reaches the after check take all of it', () => {
		const before = course.lessons.find((l) => l.diagnostic === 'before')!;
		const after = course.lessons.find((l) => l.diagnostic === 'after')!;
		const answeredBy = (slug: string) => {
			const perUser = new Map<string, Set<string>>();
			for (const a of firstRows.filter((a) => a.lessonSlug === slug)) {
				if (!perUser.has(a.userId)) perUser.set(a.userId, new Set());
				perUser.get(a.userId)!.add(a.questionId);
			}
			return perUser;
		};
		const tookBefore = answeredBy(before.slug);
		const tookAfter = answeredBy(after.slug);
		expect(tookBefore.size).toBeGreaterThanOrEqual(20);
		expect(tookAfter.size).toBeGreaterThanOrEqual(5);
		for (const answered of [...tookBefore.values(), ...tookAfter.values()]) expect(answered.size).toBe(before.questionIds.length);
		// Some students tried again.
		const keys = firstRows.map((a) => `${a.userId}/${a.questionId}`);
		expect(new Set(keys).size).toBeLessThan(keys.length);
	});

	it('resets rather than duplicates when run again, with the same answers for the same seed', async () => {
		const again = await createDemoData(db, course, { seed: 11, now: NOW });
		expect(again.classId).toBe(first.classId);
		expect(again.joinCode).toBe(first.joinCode);
		expect(again.attempts).toBe(first.attempts);
		expect((await db.select().from(users))).toHaveLength(31);
		expect((await db.select().from(classes))).toHaveLength(1);
		expect((await db.select().from(enrollments))).toHaveLength(30);
		const rows = await db.select().from(attempts).orderBy(attempts.id);
		expect(rows).toHaveLength(first.attempts);
		expect(await comparable(rows)).toEqual(firstComparable);
	});

	it("refuses to delete a demo_student_ name that is in another instructor's class", async () => {
		await db.insert(users)
			.values([
				{ id: 'other-teacher', role: 'instructor', username: 'mr_other', displayName: 'Mr Other' },
				{ id: 'real-student', role: 'student', username: 'demo_student_77', displayName: 'Real Person' }
			]);
		await db.insert(classes).values({ id: 'other-class', instructorId: 'other-teacher', name: 'Real class' });
		await db.insert(enrollments).values({ classId: 'other-class', userId: 'real-student' });
		const count = (await db.select().from(attempts)).length;
		await expect(createDemoData(db, course, { seed: 11, now: NOW })).rejects.toThrow(/demo_student_77/);
		expect((await db.select().from(users)).find((u) => u.id === 'real-student')).toBeDefined();
		expect((await db.select().from(attempts))).toHaveLength(count);
	});
});
