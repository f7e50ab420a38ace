// `npm run bench`: the speed, weight and memory targets, measured against the built app on
// loopback and printed as one Markdown table (see bench/README.md for how to read it).
// Options: --duration <s> (5) --warmup <s> (1) --answers <n> (10000) --dashboard <sizes|none>
// (100,1000) --no-build (measure the existing build even if stale). Exits 0 when a target is
// missed (it is a report) and 1 when a measurement failed.
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildState } from '../scripts/build-freshness.js';
import { buildCourse } from '../src/lib/server/content/course';
import { publicQuestions } from '../src/lib/server/quiz/answer';
import { sampleAnswer } from '../tests/support/sample-answer';
import { measureDashboard, type DashboardRow } from './dashboard';

const APP_PORT = 4394;
const BASELINE_PORT = 4395;
const HOST = '127.0.0.1';
const APP = `http://${HOST}:${APP_PORT}`;
const BASELINE = `http://${HOST}:${BASELINE_PORT}`;
const STATIC_PATH = '/robots.txt';
const CONNECTIONS = [10, 100] as const;
/** A whole run (after any build) that takes longer than this is a failure, not a slow result. */
const WATCHDOG_MS = 8 * 60_000;
/** The extra answers posted to reach --answers stop after this long; the row then says so. */
const TOP_UP_LIMIT_S = 90;

const TARGETS = {
	pageRatio: 0.5,
	answerRatio: 0.5,
	scriptKB: 60,
	rssMB: 200,
	dashboardMs: 100,
	dashboardStudents: 1_000
};

// ---------------------------------------------------------------- options

const { values: options } = parseArgs({
	options: {
		duration: { type: 'string', default: '5' },
		warmup: { type: 'string', default: '1' },
		answers: { type: 'string', default: '10000' },
		dashboard: { type: 'string', default: '100,1000' },
		'no-build': { type: 'boolean', default: false },
		help: { type: 'boolean', default: false }
	}
});
if (options.help) {
	console.log('npm run bench [-- --duration 5 --warmup 1 --answers 10000 --dashboard 100,1000|none --no-build]');
	process.exit(0);
}
const DURATION = positive(options.duration, '--duration');
const WARMUP = Number(options.warmup);
const ANSWERS = positive(options.answers, '--answers');
const DASHBOARD_SIZES =
	options.dashboard === 'none' ? [] : options.dashboard.split(',').map((s) => positive(s.replace(/_/g, ''), '--dashboard'));

function positive(value: string, name: string): number {
	const n = Number(value);
	if (!Number.isFinite(n) || n <= 0) {
		console.error(`${name} wants a positive number, not "${value}"`);
		process.exit(2);
	}
	return n;
}

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();
const scratch = mkdtempSync(join(os.tmpdir(), 'course-bench-'));
let cleanedUp = false;
let cleaning: Promise<void> | null = null;

/** Kills every child server (SIGTERM, then SIGKILL after 3 s) and removes the scratch folder. */
function cleanup(): Promise<void> {
	cleanedUp = true;
	cleaning ??= Promise.all([...children].map((child) => stop(child))).then(() => rmSync(scratch, { recursive: true, force: true }));
	return cleaning;
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
	await exited;
	clearTimeout(timer);
	children.delete(child);
}

process.on('exit', () => {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		console.error(`\n${signal}: stopping the servers`);
		void cleanup().finally(() => process.exit(130));
	});
}

interface Server {
	name: string;
	child: ChildProcess;
	/** The last few KB of its stderr, to explain a failure. */
	stderr: () => string;
}

function startServer(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Server {
	const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
	children.add(child);
	let tail = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (tail = (tail + chunk).slice(-4_000)));
	child.once('exit', (code, signal) => {
		children.delete(child);
		if (!cleanedUp) console.error(`${name} exited (${signal ?? `code ${code}`}) while the benchmark ran${tail ? `:\n${tail}` : ''}`);
	});
	return { name, child, stderr: () => tail };
}

/** Stops the run at once when a server died: figures from a dead server are meaningless. */
function assertAlive(...servers: Server[]): void {
	for (const { name, child } of servers) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${name} stopped during the run (${child.signalCode ?? `exit code ${child.exitCode}`}); was it killed from outside?`);
		}
	}
}

async function waitUntilHealthy(url: string, server: Server, deadline = Date.now() + 30_000): Promise<void> {
	while (Date.now() < deadline) {
		if (server.child.exitCode !== null) throw new Error(`the server at ${url} exited on start:\n${server.stderr()}`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`the server at ${url} did not become healthy within 30 s:\n${server.stderr()}`);
}

/** Refuses to start when something else already listens on a port we need. */
function portIsFree(port: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = connect(port, HOST);
		socket.once('connect', () => (socket.destroy(), done(false)));
		socket.once('error', () => done(true));
	});
}

/** Resident and peak resident memory of a process, in bytes (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kB = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
	return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

// ---------------------------------------------------------------- load

interface LoadSpec {
	label: string;
	url: string;
	connections: number;
	requests?: AutocannonRequest[];
	/** Counts (and checks) the responses that are real successes; others are mismatches. */
	verify?: (body: string) => boolean;
	duration?: number;
	amount?: number;
	/** With `amount`: stop anyway after this many seconds. */
	stopAfter?: number;
}

interface LoadResult {
	label: string;
	connections: number;
	rps: number;
	responses: number;
	p50: number;
	p95: number;
	p99: number;
	problems: string[];
}

function run(spec: LoadSpec): Promise<{ result: AutocannonResult; latencies: number[] }> {
	const latencies: number[] = [];
	return new Promise((done, fail) => {
		const instance = autocannon(
			{
				url: spec.url,
				connections: spec.connections,
				...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? DURATION }),
				...(spec.requests ? { requests: spec.requests } : {}),
				...(spec.verify ? { verifyBody: spec.verify } : {})
			},
			(error, result) => (error ? fail(error) : done({ result, latencies }))
		);
		instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
		if (spec.stopAfter) {
			const timer = setTimeout(() => instance.stop(), spec.stopAfter * 1000);
			instance.once('done', () => clearTimeout(timer));
		}
	});
}

/** Nearest-rank percentile of every response's latency (not a histogram estimate). */
function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function problemsOf(result: AutocannonResult): string[] {
	const problems: string[] = [];
	if (result.errors) problems.push(`${result.errors} errors (${result.timeouts} timeouts)`);
	if (result.non2xx) problems.push(`${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)})`);
	if (result.mismatches) problems.push(`${result.mismatches} responses that were not a success`);
	if (result.resets) problems.push(`${result.resets} connection resets`);
	return problems;
}

/** A warm-up run (discarded), then the measured run. */
async function measure(spec: LoadSpec): Promise<LoadResult> {
	if (WARMUP > 0) {
		const warm = await run({ ...spec, duration: WARMUP });
		const problems = problemsOf(warm.result);
		if (problems.length) return { ...empty(spec), problems: problems.map((p) => `warm-up: ${p}`) };
	}
	const { result, latencies } = await run(spec);
	latencies.sort((a, b) => a - b);
	const out: LoadResult = {
		label: spec.label,
		connections: spec.connections,
		rps: latencies.length / result.duration,
		responses: latencies.length,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		problems: problemsOf(result)
	};
	note(
		`  ${spec.label} @${spec.connections}: ${out.rps.toFixed(0)} req/s, p50 ${out.p50.toFixed(1)} ms, p99 ${out.p99.toFixed(1)} ms${out.problems.length ? `  FAILED: ${out.problems.join('; ')}` : ''}`
	);
	return out;
}

function empty(spec: LoadSpec): LoadResult {
	return { label: spec.label, connections: spec.connections, rps: NaN, responses: 0, p50: NaN, p95: NaN, p99: NaN, problems: [] };
}

// ---------------------------------------------------------------- bytes sent for a page

interface PageBytes {
	identity: number;
	gzip: number;
	br: number;
}

/** The bytes the server sends for one page when the client accepts nothing, gzip, or Brotli. */
async function pageBytes(url: string): Promise<PageBytes> {
	const size = (acceptEncoding: string) =>
		new Promise<number>((done, fail) => {
			httpRequest(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
				let bytes = 0;
				response.on('data', (chunk: Buffer) => (bytes += chunk.length));
				response.on('end', () => done(bytes));
			})
				.on('error', fail)
				.end();
		});
	return { identity: await size('identity'), gzip: await size('gzip'), br: await size('br, gzip') };
}

// ---------------------------------------------------------------- JavaScript shipped

interface Shipped {
	scripts: number;
	rawBytes: number;
	gzipBytes: number;
	inlineGzipBytes: number;
}

/** Playwright's own Chromium when installed, else the one in @sparticuz/chromium (as playwright.config.ts). */
async function chromiumExecutable(): Promise<string | undefined> {
	const { chromium } = await import('@playwright/test');
	try {
		if (existsSync(chromium.executablePath())) return undefined;
	} catch {
		// Playwright does not know its browser here.
	}
	const { default: sparticuz } = await import('@sparticuz/chromium');
	return sparticuz.executablePath();
}

/** Every script the page loads until the network is idle (modulepreloads included), gzipped. */
async function javascriptShipped(url: string): Promise<Shipped> {
	const { chromium } = await import('@playwright/test');
	const browser = await chromium.launch({ executablePath: await chromiumExecutable() });
	try {
		const page = await browser.newPage();
		const bodies = new Map<string, Promise<Buffer>>();
		page.on('response', (response) => {
			const type = response.request().resourceType();
			const contentType = response.headers()['content-type'] ?? '';
			if (type === 'script' || /javascript/.test(contentType)) {
				if (!bodies.has(response.url())) bodies.set(response.url(), response.body());
			}
		});
		const response = await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
		if (!response?.ok()) throw new Error(`the lesson page answered ${response?.status()} in the browser`);
		const inline = await page.$$eval('script:not([src])', (scripts) => scripts.map((s) => s.textContent ?? '').join('\n'));
		const scripts = await Promise.all(bodies.values());
		if (scripts.length === 0) throw new Error('the lesson page loaded no script at all: is the build right?');
		return {
			scripts: scripts.length,
			rawBytes: scripts.reduce((sum, body) => sum + body.length, 0),
			gzipBytes: scripts.reduce((sum, body) => sum + gzipSync(body).length, 0),
			inlineGzipBytes: inline.trim() ? gzipSync(inline).length : 0
		};
	} finally {
		await browser.close();
	}
}

// ---------------------------------------------------------------- the run

const failures: string[] = [];
/** When the measured build was made; a rebuild during the run is reported under the table. */
let buildTime = 0;
const startedAt = Date.now();
/** Progress on stderr with the elapsed time; the report alone goes to stdout. */
const note = (line: string) => console.error(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}`);

function ensureBuild(): void {
	const state = buildState();
	if (state === 'fresh') return;
	if (options['no-build']) {
		if (state === 'missing') throw new Error('there is no build (build/handler.js); run without --no-build');
		note('The build is older than its sources; measuring it anyway (--no-build).');
		return;
	}
	note(state === 'missing' ? 'No build yet: building the app…' : 'Sources changed since the last build: rebuilding…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', process.stderr, process.stderr] });
	if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
}

async function main(): Promise<void> {
	ensureBuild();
	const watchdog = setTimeout(() => {
		console.error(`The benchmark took longer than ${WATCHDOG_MS / 60_000} minutes: giving up.`);
		void cleanup().finally(() => process.exit(1));
	}, WATCHDOG_MS);
	watchdog.unref();

	buildTime = statSync(resolve('build/handler.js')).mtimeMs;
	for (const port of [APP_PORT, BASELINE_PORT]) {
		if (!(await portIsFree(port))) throw new Error(`port ${port} is already in use on ${HOST}; stop what listens there`);
	}

	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => l.dir.startsWith('01-')) ?? course.lessons.find((l) => l.questionIds.length > 0 && !l.diagnostic)!;
	const pagePath = `/lessons/${lesson.slug}`;
	const answerPath = `${pagePath}?/answer`;
	const answerBodies = Object.values(publicQuestions(course, lesson.questionIds)).map((q) => new URLSearchParams(sampleAnswer(q)).toString());

	const appDatabase = join(scratch, 'app.db');
	// With the V8 flag `npm start` gives the server (package.json): a small young generation.
	const app = startServer('the app server', process.execPath, ['--max-semi-space-size=2', resolve('scripts/serve.js')], {
		PORT: String(APP_PORT),
		HOST,
		ORIGIN: APP,
		DATABASE_URL: appDatabase,
		// The benchmark's clients answer far faster than any learner: lift the answer limits.
		ANSWERS_PER_MINUTE: '100000000',
		ANSWERS_PER_MINUTE_PER_ADDRESS: '100000000'
	});
	const baseline = startServer('the baseline server', process.execPath, ['--import', 'tsx', resolve('bench/baseline-server.ts'), String(BASELINE_PORT), join(scratch, 'baseline.db')], {});
	await Promise.all([waitUntilHealthy(APP, app), waitUntilHealthy(BASELINE, baseline)]);
	note(`Servers up: app ${APP} (pid ${app.child.pid}), baseline ${BASELINE} (pid ${baseline.child.pid}); lesson ${pagePath}`);

	// Sanity checks, so that a wrong request fails here and not as a silent figure.
	for (const path of [pagePath, STATIC_PATH]) {
		const response = await fetch(`${APP}${path}`);
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
	}

	// One guest for the whole run: the first answer creates it, every later one reuses its cookie.
	const first = await fetch(`${APP}${answerPath}`, {
		method: 'POST',
		headers: { origin: APP, 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
		body: answerBodies[0]
	});
	const firstResult = (await first.json()) as { type?: string };
	const cookie = first.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0];
	if (!first.ok || firstResult.type !== 'success' || !cookie) {
		throw new Error(`the first answer was not accepted (${first.status} ${JSON.stringify(firstResult)})`);
	}
	let answersAcknowledged = 1;
	const answerRequests: AutocannonRequest[] = answerBodies.map((body) => ({
		method: 'POST',
		path: answerPath,
		headers: { origin: APP, 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', cookie },
		body
	}));
	const answerSuccess = (body: string) => {
		const ok = body.includes('"type":"success"');
		if (ok) answersAcknowledged++;
		return ok;
	};
	const baselineRequests: AutocannonRequest[] = answerBodies.map((body) => ({
		method: 'POST',
		path: '/answer',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body
	}));

	note('Measuring the bytes sent for the lesson page…');
	const bytes = await pageBytes(`${APP}${pagePath}`);

	note('Measuring JavaScript shipped to the lesson page (Chromium)…');
	let shipped: Shipped | null = null;
	try {
		shipped = await javascriptShipped(`${APP}${pagePath}`);
	} catch (error) {
		failures.push(`JavaScript shipped: ${(error as Error).message}`);
	}

	note(`Load: ${WARMUP} s warm-up + ${DURATION} s measured per row…`);
	const loads: LoadResult[] = [];
	const specs: LoadSpec[] = CONNECTIONS.flatMap((connections) => [
		{ label: 'static file', url: `${APP}${STATIC_PATH}`, connections },
		{ label: 'lesson page', url: `${APP}${pagePath}`, connections },
		{ label: 'answer', url: APP, connections, requests: answerRequests, verify: answerSuccess },
		{ label: 'baseline insert', url: BASELINE, connections, requests: baselineRequests, verify: (b: string) => b.includes('"type":"success"') }
	]);
	for (const spec of specs) {
		loads.push(await measure(spec));
		assertAlive(app, baseline);
	}
	for (const l of loads) for (const p of l.problems) failures.push(`${l.label} @${l.connections}: ${p}`);

	// Memory: top up to the wanted number of acknowledged answers, count them in the database.
	const missing = ANSWERS - answersAcknowledged;
	if (missing > 0) {
		note(`Posting ${missing} more answers to reach ${ANSWERS} (at most ${TOP_UP_LIMIT_S} s)…`);
		const top = await run({ label: 'answer', url: APP, connections: 10, requests: answerRequests, verify: answerSuccess, amount: missing, stopAfter: TOP_UP_LIMIT_S });
		for (const p of problemsOf(top.result)) failures.push(`answers top-up: ${p}`);
	}
	assertAlive(app);
	note(`Answers acknowledged: ${answersAcknowledged}; reading the server's memory.`);
	const memory = memoryOf(app.child.pid!);
	const stored = (() => {
		const db = new Database(appDatabase, { readonly: true, fileMustExist: true });
		try {
			return (db.prepare('select count(*) as n from attempts').get() as { n: number }).n;
		} finally {
			db.close();
		}
	})();
	if (stored < answersAcknowledged) failures.push(`only ${stored} attempts stored for ${answersAcknowledged} acknowledged answers`);

	await cleanup(); // stop the servers before the in-process dashboard benchmark

	let dashboard: DashboardRow[] = [];
	if (DASHBOARD_SIZES.length) {
		note(`Dashboard benchmark at ${DASHBOARD_SIZES.join(', ')} students…`);
		try {
			dashboard = await measureDashboard(DASHBOARD_SIZES, (line) => note(`  ${line}`));
		} catch (error) {
			failures.push(`dashboard: ${(error as Error).message}`);
		}
	}

	report({
		loads,
		shipped,
		bytes,
		memory,
		answersAcknowledged,
		stored,
		dashboard,
		lessonPath: pagePath,
		questions: answerBodies.length,
		serverStderr: app.stderr().trim()
	});
}

// ---------------------------------------------------------------- the report

interface Report {
	loads: LoadResult[];
	shipped: Shipped | null;
	/** HTML bytes sent for the lesson page, by the encoding the client accepted. */
	bytes: PageBytes;
	memory: { rss: number; peak: number };
	answersAcknowledged: number;
	stored: number;
	dashboard: DashboardRow[];
	lessonPath: string;
	questions: number;
	/** Whatever the app server wrote to stderr (errors it logged), normally nothing. */
	serverStderr: string;
}

const fmt = (n: number, digits = 0) =>
	Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'pass' : '**miss**');

function report(r: Report): void {
	const find = (label: string, connections: number) => r.loads.find((l) => l.label === label && l.connections === connections)!;
	const rows: string[][] = [];

	for (const connections of CONNECTIONS) {
		const page = find('lesson page', connections);
		const file = find('static file', connections);
		const ratio = page.rps / file.rps;
		rows.push([
			`lesson page req/s, ${connections} connections`,
			fmt(page.rps),
			`${fmt(file.rps)} (static ${STATIC_PATH})`,
			fmt(ratio, 2),
			`≥ ${TARGETS.pageRatio}`,
			verdict(Number.isFinite(ratio) ? ratio >= TARGETS.pageRatio : null)
		]);
	}
	for (const connections of CONNECTIONS) {
		const answer = find('answer', connections);
		const base = find('baseline insert', connections);
		const ratio = answer.rps / base.rps;
		rows.push([
			`answer submission req/s, ${connections} connections`,
			fmt(answer.rps),
			`${fmt(base.rps)} (bare node:http + 1 insert)`,
			fmt(ratio, 2),
			`≥ ${TARGETS.answerRatio}`,
			verdict(Number.isFinite(ratio) ? ratio >= TARGETS.answerRatio : null)
		]);
	}
	rows.push([
		'lesson page HTML sent, bytes',
		`${fmt(r.bytes.br / 1000, 1)} KB Brotli, ${fmt(r.bytes.gzip / 1000, 1)} KB gzip`,
		`${fmt(r.bytes.identity / 1000, 1)} KB uncompressed`,
		fmt(r.bytes.br / r.bytes.identity, 2),
		'compressed by the app',
		verdict(r.bytes.br < r.bytes.identity / 2)
	]);
	const kb = r.shipped ? r.shipped.gzipBytes / 1000 : NaN;
	rows.push([
		'JavaScript shipped to a lesson page, gzip',
		r.shipped ? `${fmt(kb, 1)} KB (${r.shipped.scripts} scripts, ${fmt(r.shipped.rawBytes / 1000, 1)} KB raw)` : 'failed',
		'—',
		'—',
		`≤ ${TARGETS.scriptKB} KB`,
		verdict(r.shipped ? kb <= TARGETS.scriptKB : null)
	]);
	const mb = r.memory.rss / 1e6;
	rows.push([
		`server RSS after ${fmt(r.answersAcknowledged)} answers`,
		`${fmt(mb, 1)} MB (peak ${fmt(r.memory.peak / 1e6, 1)} MB)`,
		'—',
		'—',
		`< ${TARGETS.rssMB} MB`,
		r.answersAcknowledged >= ANSWERS ? verdict(mb < TARGETS.rssMB) : `n/a (under ${fmt(ANSWERS)} answers in ${TOP_UP_LIMIT_S} s)`
	]);
	for (const d of r.dashboard) {
		const targeted = d.students === TARGETS.dashboardStudents;
		for (const [what, ms] of [
			['matrix', d.matrixMs],
			['item analysis (from scratch)', d.itemsMs],
			['item analysis (again, no new answers)', d.itemsRepeatMs]
		] as const) {
			rows.push([
				`dashboard ${what}, ${fmt(d.students)} students (${fmt(d.attempts)} attempts), median`,
				`${fmt(ms, 1)} ms`,
				'—',
				'—',
				targeted ? `< ${TARGETS.dashboardMs} ms` : '—',
				targeted ? verdict(ms < TARGETS.dashboardMs) : 'info'
			]);
		}
	}

	const cpus = os.cpus();
	const out: string[] = [];
	out.push('');
	out.push(`## npm run bench, ${new Date().toISOString()}`);
	out.push('');
	out.push(
		`Node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}; loopback only; ` +
			`${WARMUP} s warm-up + ${DURATION} s per load row.`
	);
	out.push('');
	out.push('| measure | value | baseline | ratio | target | pass/miss |');
	out.push('|---|---:|---:|---:|---:|---|');
	for (const row of rows) out.push(`| ${row.join(' | ')} |`);
	out.push('');
	out.push('Latency (ms) of every response in the measured window, nearest-rank percentiles:');
	out.push('');
	out.push('| measure | connections | req/s | p50 | p95 | p99 | responses |');
	out.push('|---|---:|---:|---:|---:|---:|---:|');
	for (const label of ['lesson page', 'static file', 'answer', 'baseline insert']) {
		for (const connections of CONNECTIONS) {
			const l = find(label, connections);
			out.push(
				`| ${label} | ${connections} | ${fmt(l.rps)} | ${fmt(l.p50, 1)} | ${fmt(l.p95, 1)} | ${fmt(l.p99, 1)} | ${fmt(l.responses)}${l.problems.length ? ' FAILED' : ''} |`
			);
		}
	}
	out.push('');
	out.push('Notes:');
	out.push(`- Lesson page: GET ${r.lessonPath} as a guest without a session (server-rendered HTML); static file: ${STATIC_PATH} from static/, same server.`);
	out.push(
		`- Answers: POST ${r.lessonPath}?/answer (form-urlencoded, cycling through the lesson's ${r.questions} questions) with ONE guest session ` +
			'reused for the whole run (its cookie from one initial answer), so the figure is parse + grade + durable insert + response, not guest creation. ' +
			'A response counts only if its body is {"type":"success"}.'
	);
	out.push(
		`- Baseline: bench/baseline-server.ts, a bare node:http server in its own process that parses the same bodies and does one better-sqlite3 insert (WAL, synchronous=FULL) per request.`
	);
	out.push(
		`- Memory: VmRSS of the app server process after ${fmt(r.answersAcknowledged)} acknowledged answers (${fmt(r.stored)} attempts in its database) and all the page and static loads above; MB = 10^6 bytes.`
	);
	if (r.shipped) {
		out.push(
			`- JavaScript: every script response (modulepreloads included) Chromium fetched for the lesson page until network idle, each gzipped (zlib default level), KB = 1,000 bytes; ` +
				`the page's inline bootstrap script adds ${fmt(r.shipped.inlineGzipBytes / 1000, 1)} KB gzipped (part of the HTML, not counted).`
		);
	}
	const rebuilt = existsSync('build/handler.js') ? statSync('build/handler.js').mtimeMs !== buildTime : true;
	if (rebuilt) out.push('- WARNING: build/ was rebuilt while this ran (by someone else?); the server kept the code it had loaded, but rerun for clean figures.');
	if (r.dashboard.length) out.push('- Dashboard: bench/dashboard.ts in this process after the servers stopped; the target applies at 1,000 students.');
	if (r.serverStderr) out.push(`- WARNING: the app server logged on stderr during the run (last lines):\n\n    ${r.serverStderr.split('\n').slice(-5).join('\n    ')}`);
	out.push(`- Whole run: ${fmt((Date.now() - startedAt) / 1000)} s.`);
	console.log(out.join('\n'));
}

// ---------------------------------------------------------------- entry

try {
	await main();
} catch (error) {
	failures.push((error as Error).stack ?? String(error));
} finally {
	await cleanup();
}
if (failures.length) {
	console.error(`\nBENCHMARK FAILED: ${failures.length} measurement problem(s):`);
	for (const f of failures) console.error(`- ${f}`);
	process.exitCode = 1;
}
