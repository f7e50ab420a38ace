// Dashboard speed at school-district scale: builds databases with 100, 1,000 and 10,000
// students (10 attempts per question each) and times the server work behind the progress
// matrix and the item analysis. Run: npm run bench:dashboard [-- 100 1000]
// bench/run.ts imports measureDashboard() to put the same figures in its table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCourse, type Course } from '../src/lib/server/content/course';
import { classMatrix } from '../src/lib/server/dashboard/matrix';
import { clearItemAnalysisCache, itemAnalysis } from '../src/lib/server/dashboard/items';
import { syncDashboardSummaries } from '../src/lib/server/dashboard/summaries';
import { classSize } from '../src/lib/server/dashboard/queries';
import { dialectOf } from '../src/lib/server/db/dialect';
import { closeDatabase, openDatabase, sqliteClient, type AppDatabase } from '../src/lib/server/db/open';
import { openPostgres } from '../src/lib/server/db/open-postgres';
import { answerDiscernment } from '../src/lib/server/quiz/answer';

export const ATTEMPTS_PER_QUESTION = 10;
export const DEFAULT_SIZES = [100, 1_000, 10_000];

export interface DashboardRow {
	students: number;
	attempts: number;
	buildSeconds: number;
	matrixMs: number;
	/** The item analysis worked out from scratch (its stored copy forgotten before each run). */
	itemsMs: number;
	/** The item analysis again with no new first attempts: the stored copy after the fingerprint check. */
	itemsRepeatMs: number;
}

/** A valid response of each type, varied by `n`, built from the definition. */
function response(question: Course['questions'] extends Map<string, infer Q> ? Q : never, n: number): string {
	const d = question.definition as Record<string, unknown> & {
		options?: { id: string }[];
		labels?: { id: string }[];
		items?: { id: string }[];
		left?: { id: string }[];
		right?: { id: string }[];
		fields?: { id: string }[];
	};
	switch (question.type) {
		case 'choice':
			return JSON.stringify({ selected: [d.options![n % d.options!.length].id] });
		case 'classify':
			return JSON.stringify({ labels: Object.fromEntries(d.items!.map((item, i) => [item.id, d.labels![(n + i) % d.labels!.length].id])) });
		case 'highlight':
			return JSON.stringify({ selected: [n % 7, (n * 3) % 11] });
		case 'respond':
			return JSON.stringify({ fields: Object.fromEntries(d.fields!.map((field) => [field.id, `A written answer, number ${n}.`])) });
		default:
			return JSON.stringify({ pairs: Object.fromEntries(d.left!.map((item, i) => [item.id, d.right![(n + i) % d.right!.length].id])) });
	}
}

const CLASS_ID = 'bench-class';

async function populate(db: AppDatabase, course: Course, students: number, attemptsPerQuestion = ATTEMPTS_PER_QUESTION): Promise<void> {
	const client = sqliteClient(db);
	// As the server does at start, so the triggers keep lesson_summaries while answers arrive.
	await syncDashboardSummaries(db, course);
	client.prepare(`insert into users (id, role, username, display_name) values ('bench-teacher', 'instructor', 'bench_teacher', 'Bench')`).run();
	client.prepare(`insert into classes (id, instructor_id, name, join_code) values (?, 'bench-teacher', 'Bench class', 'BENCH234')`).run(CLASS_ID);
	const addUser = client.prepare(`insert into users (id, role, username, display_name) values (?, 'student', ?, ?)`);
	const enrol = client.prepare(`insert into enrollments (class_id, user_id) values (?, ?)`);
	const addAttempt = client.prepare(
		`insert into attempts (user_id, lesson_slug, question_id, content_version, response, earned, total, created_at,
		                       neutral_seen, neutral_flagged, framed_seen, framed_missed)
		 values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`
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
			enrol.run(CLASS_ID, id);
			const ability = 0.3 + random() * 0.6;
			let t = start + s;
			for (let round = 0; round < attemptsPerQuestion; round++) {
				for (const [qid, q] of questions) {
					const earned = random() < ability ? 1 : random() * 0.5;
					const answer = response(q, s + round);
					// Worked out at grading time, as submitAnswer does.
					const { neutralSeen, neutralFlagged, framedSeen, framedMissed } = answerDiscernment(q, JSON.parse(answer));
					addAttempt.run(id, lessonOf.get(qid)!, qid, q.version, answer, earned, (t += 1000), neutralSeen, neutralFlagged, framedSeen, framedMissed);
				}
			}
		})();
	}
	client.pragma('optimize');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(run: () => unknown, repeats = 11): Promise<number> {
	await run(); // warm up
	const samples: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const t0 = performance.now();
		await run();
		samples.push(performance.now() - t0);
	}
	return median(samples);
}

type Timings = Pick<DashboardRow, 'students' | 'matrixMs' | 'itemsMs' | 'itemsRepeatMs'>;

/** Median times of the matrix and the item analysis on a built database (a SQLite file or a PostgreSQL URL), in this process. */
async function timeHere(target: string): Promise<Timings> {
	const course = await buildCourse(resolve('lessons'));
	const db = dialectOf(target) === 'postgres' ? await openPostgres(target) : openDatabase(target);
	try {
		const students = await classSize(db, CLASS_ID);
		const matrixMs = await time(() => classMatrix(db, course, CLASS_ID, 'score'));
		const itemsMs = await time(() => {
			clearItemAnalysisCache();
			return itemAnalysis(db, course, CLASS_ID);
		});
		const itemsRepeatMs = await time(() => itemAnalysis(db, course, CLASS_ID));
		return { students, matrixMs, itemsMs, itemsRepeatMs };
	} finally {
		await closeDatabase(db);
	}
}

/**
 * The same timings in a fresh Node process, as a server would run them: building a large
 * database leaves this process's heap full of garbage that would otherwise colour the figures.
 */
function timeInChild(target: string): Timings {
	// The child's database is the target: the app's modules pick SQLite or PostgreSQL from DATABASE_URL.
	const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--time', target], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, DATABASE_URL: target }
	});
	return JSON.parse(output.trim().split('\n').pop()!) as Timings;
}

const ROUNDS = 3;

/**
 * Times every database once per round, taking turns, and keeps the median of the rounds: a
 * neighbour busy on this shared machine then slows every size alike instead of one, so the
 * growth factors between sizes stay steady from run to run.
 */
function timeInRounds(dbPaths: string[], log: (line: string) => void): Timings[] {
	const samples = dbPaths.map(() => [] as Timings[]);
	for (let round = 1; round <= ROUNDS; round++) {
		dbPaths.forEach((dbPath, i) => samples[i].push(timeInChild(dbPath)));
		log(`timed: round ${round} of ${ROUNDS}`);
	}
	return samples.map((list) => ({
		students: list[0].students,
		matrixMs: median(list.map((s) => s.matrixMs)),
		itemsMs: median(list.map((s) => s.itemsMs)),
		itemsRepeatMs: median(list.map((s) => s.itemsRepeatMs))
	}));
}

/**
 * Builds a database of each size in a temporary folder, then returns the median server time of
 * the matrix and the item analysis on each. Progress goes to `log` (stderr by default).
 */
export async function measureDashboard(
	sizes: number[] = DEFAULT_SIZES,
	log: (line: string) => void = (line) => console.error(line)
): Promise<DashboardRow[]> {
	const course = await buildCourse(resolve('lessons'));
	const dirs: string[] = [];
	try {
		const built: { students: number; buildSeconds: number }[] = [];
		for (const students of sizes) {
			const dir = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
			dirs.push(dir);
			const db = openDatabase(join(dir, 'bench.db'));
			const t0 = performance.now();
			try {
				await populate(db, course, students);
			} finally {
				sqliteClient(db).close();
			}
			log(`built: ${students} students`);
			built.push({ students, buildSeconds: (performance.now() - t0) / 1000 });
		}
		const timings = timeInRounds(
			dirs.map((dir) => join(dir, 'bench.db')),
			log
		);
		return built.map(({ students, buildSeconds }, i) => ({
			attempts: students * course.questions.size * ATTEMPTS_PER_QUESTION,
			buildSeconds,
			...timings[i]
		}));
	} finally {
		for (const dir of dirs) {
			if (process.env.KEEP_BENCH_DB) log(`kept ${join(dir, 'bench.db')}`);
			else rmSync(dir, { recursive: true, force: true });
		}
	}
}

/** Attempts per question per student on PostgreSQL: ten would make the copy take minutes, and the dashboard reads the summaries (one row per student and question) whatever the count. */
export const POSTGRES_ATTEMPTS_PER_QUESTION = 1;

/**
 * The same timings on PostgreSQL at `url` (an empty database): a class of `students` built in
 * SQLite as above, moved with `npm run db:copy` (timed too), then timed in rounds like SQLite's.
 */
export async function measureDashboardOnPostgres(
	students: number,
	url: string,
	log: (line: string) => void = (line) => console.error(line)
): Promise<DashboardRow & { copySeconds: number }> {
	const course = await buildCourse(resolve('lessons'));
	const dir = mkdtempSync(join(tmpdir(), 'bench-dashboard-pg-'));
	try {
		const file = join(dir, 'bench.db');
		const db = openDatabase(file);
		const t0 = performance.now();
		try {
			await populate(db, course, students, POSTGRES_ATTEMPTS_PER_QUESTION);
		} finally {
			sqliteClient(db).close();
		}
		const buildSeconds = (performance.now() - t0) / 1000;
		const t1 = performance.now();
		execFileSync(process.execPath, ['--import', 'tsx', resolve('scripts/db-copy.ts'), file, url], { stdio: ['ignore', 'ignore', 'inherit'] });
		const copySeconds = (performance.now() - t1) / 1000;
		log(`built on PostgreSQL: ${students} students (copied in ${copySeconds.toFixed(1)} s)`);
		const timings = timeInRounds([url], log)[0];
		return { attempts: students * course.questions.size * POSTGRES_ATTEMPTS_PER_QUESTION, buildSeconds, copySeconds, ...timings };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The report `npm run bench:dashboard` prints. */
export function printDashboard(rows: DashboardRow[]): void {
	console.log(`\nDashboard server time (median of ${ROUNDS} rounds of 11 runs), one class, 10 attempts per question per student`);
	console.log('| students | attempts | matrix ms | item analysis ms (from scratch) | item analysis ms (no new answers) | build s |');
	console.log('|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		console.log(
			`| ${r.students} | ${r.attempts} | ${r.matrixMs.toFixed(1)} | ${r.itemsMs.toFixed(1)} | ${r.itemsRepeatMs.toFixed(1)} | ${Number.isNaN(r.buildSeconds) ? '—' : r.buildSeconds.toFixed(1)} |`
		);
	}
	for (let i = 1; i < rows.length; i++) {
		const scale = rows[i].students / rows[i - 1].students;
		console.log(
			`${rows[i - 1].students} → ${rows[i].students} students (×${scale}): matrix ×${(rows[i].matrixMs / rows[i - 1].matrixMs).toFixed(1)}, items ×${(rows[i].itemsMs / rows[i - 1].itemsMs).toFixed(1)}`
		);
	}
}

// The CLI runs only when this file is the entry point, not when bench/run.ts imports it.
// `--time <db>` is the child process of timeInChild; `--existing <db>…` times databases kept
// from an earlier run (KEEP_BENCH_DB=1) without building them again.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const [flag, ...rest] = process.argv.slice(2);
	if (flag === '--time') {
		console.log(JSON.stringify(await timeHere(rest[0])));
	} else if (flag === '--existing') {
		const timings = timeInRounds(rest, (line) => console.error(line));
		const rows = rest.map((dbPath, i): DashboardRow => {
			const db = openDatabase(dbPath);
			const attempts = sqliteClient(db).prepare('select count(*) from attempts').pluck().get() as number;
			sqliteClient(db).close();
			return { attempts, buildSeconds: NaN, ...timings[i] };
		});
		printDashboard(rows);
	} else {
		const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
		printDashboard(await measureDashboard(sizes.length > 0 ? sizes : DEFAULT_SIZES));
	}
}
