// Dashboard speed at school-district scale: builds databases with 100, 1,000 and 10,000
// students (10 attempts per question each) and times the server work behind the progress
// matrix and the item analysis. Run: npm run bench:dashboard [-- 100 1000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCourse, type Course } from '../src/lib/server/content/course';
import { classMatrix } from '../src/lib/server/dashboard/matrix';
import { itemAnalysis } from '../src/lib/server/dashboard/items';
import { openDatabase, type AppDatabase } from '../src/lib/server/db/open';

const ATTEMPTS_PER_QUESTION = 10;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [100, 1_000, 10_000];

/** A valid response of each type, varied by `n`, built from the definition. */
function response(question: Course['questions'] extends Map<string, infer Q> ? Q : never, n: number): string {
	const d = question.definition as Record<string, unknown> & {
		options?: { id: string }[];
		labels?: { id: string }[];
		items?: { id: string }[];
		left?: { id: string }[];
		right?: { id: string }[];
	};
	switch (question.type) {
		case 'choice':
			return JSON.stringify({ selected: [d.options![n % d.options!.length].id] });
		case 'classify':
			return JSON.stringify({ labels: Object.fromEntries(d.items!.map((item, i) => [item.id, d.labels![(n + i) % d.labels!.length].id])) });
		case 'highlight':
			return JSON.stringify({ selected: [n % 7, (n * 3) % 11] });
		default:
			return JSON.stringify({ pairs: Object.fromEntries(d.left!.map((item, i) => [item.id, d.right![(n + i) % d.right!.length].id])) });
	}
}

function populate(db: AppDatabase, course: Course, students: number): string {
	const client = db.$client;
	const classId = 'bench-class';
	client.prepare(`insert into users (id, role, username, display_name) values ('bench-teacher', 'instructor', 'bench_teacher', 'Bench')`).run();
	client.prepare(`insert into classes (id, instructor_id, name, join_code) values (?, 'bench-teacher', 'Bench class', 'BENCH234')`).run(classId);
	const addUser = client.prepare(`insert into users (id, role, username, display_name) values (?, 'student', ?, ?)`);
	const enrol = client.prepare(`insert into enrollments (class_id, user_id) values (?, ?)`);
	const addAttempt = client.prepare(
		`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, created_at) values (?, ?, ?, ?, ?, ?, 1, ?)`
	);
	const lessonOf = new Map(course.lessons.flatMap((l) => l.questionIds.map((id) => [id, l.slug] as const)));
	const questions = [...course.questions.entries()];
	let seed = 42;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
	const start = Date.now() - 20 * 86_400_000;
	for (let s = 0; s < students; s++) {
		client.transaction(() => {
			const id = `bench-student-${s}`;
			addUser.run(id, `bench_${s}`, `Student ${s}`);
			enrol.run(classId, id);
			const ability = 0.3 + random() * 0.6;
			let t = start + s;
			for (let round = 0; round < ATTEMPTS_PER_QUESTION; round++) {
				for (const [qid, q] of questions) {
					const earned = random() < ability ? 1 : random() * 0.5;
					addAttempt.run(id, lessonOf.get(qid)!, qid, q.version, response(q, s + round), earned, (t += 1000));
				}
			}
		})();
	}
	client.pragma('optimize');
	return classId;
}

function time(run: () => unknown, repeats = 5): number {
	run(); // warm up
	const samples: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const t0 = performance.now();
		run();
		samples.push(performance.now() - t0);
	}
	return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const course = await buildCourse(resolve('lessons'));
const rows: { students: number; attempts: number; buildSeconds: number; matrixMs: number; itemsMs: number }[] = [];
for (const students of SIZES) {
	const dir = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
	const db = openDatabase(join(dir, 'bench.db'));
	const t0 = performance.now();
	const classId = populate(db, course, students);
	const buildSeconds = (performance.now() - t0) / 1000;
	const matrixMs = time(() => classMatrix(db, course, classId, 'score'));
	const itemsMs = time(() => itemAnalysis(db, course, classId), 3);
	rows.push({ students, attempts: students * course.questions.size * ATTEMPTS_PER_QUESTION, buildSeconds, matrixMs, itemsMs });
	db.$client.close();
	if (process.env.KEEP_BENCH_DB) console.error(`kept ${join(dir, 'bench.db')}`);
	else rmSync(dir, { recursive: true, force: true });
	console.error(`done: ${students} students`);
}

console.log('\nDashboard server time (median), one class, 10 attempts per question per student');
console.log('| students | attempts | matrix ms | item analysis ms | build s |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of rows) {
	console.log(`| ${r.students} | ${r.attempts} | ${r.matrixMs.toFixed(1)} | ${r.itemsMs.toFixed(1)} | ${r.buildSeconds.toFixed(1)} |`);
}
for (let i = 1; i < rows.length; i++) {
	const scale = rows[i].students / rows[i - 1].students;
	console.log(
		`${rows[i - 1].students} → ${rows[i].students} students (×${scale}): matrix ×${(rows[i].matrixMs / rows[i - 1].matrixMs).toFixed(1)}, items ×${(rows[i].itemsMs / rows[i - 1].itemsMs).toFixed(1)}`
	);
}
