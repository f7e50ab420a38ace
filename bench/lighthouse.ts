// Lighthouse scores for the home page, a lesson and a source, with Lighthouse's default (mobile)
// settings, in the same Chromium the browser tests use. Builds the app if the build is missing or
// stale, serves it on a throwaway database, and prints a Markdown report with the targets and,
// for any category below target, the audits to fix. Exits non-zero only if Lighthouse itself fails.
// Run: npm run lighthouse [-- --runs 3] [--json <dir>] [--no-build]
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildState } from '../scripts/build-freshness.js';
import { chromiumPath } from '../tests/support/chromium';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../tests/support/server';

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const PORT = 4397;
const ORIGIN = serverOrigin(PORT); // http://127.0.0.1:4397, also the server's ORIGIN
const PAGES = [
	{ name: 'Home', path: '/' },
	{ name: 'Lesson', path: '/lessons/who-is-speaking' },
	{ name: 'Source', path: '/sources/defapress-2026' }
];
const CATEGORIES = [
	{ id: 'performance', title: 'Performance', target: 95 },
	{ id: 'accessibility', title: 'Accessibility', target: 100 },
	{ id: 'best-practices', title: 'Best practices', target: 95 },
	{ id: 'seo', title: 'SEO', target: 90 }
];
// No internet here, and the tests run as root: keep Chromium off the network and out of the sandbox.
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-default-apps'
];

function parseArgs(argv: string[]) {
	const options = { runs: 1, jsonDir: null as string | null, build: true };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--json') options.jsonDir = argv[++i] ?? fail('--json needs a directory');
		else if (arg === '--runs') options.runs = Math.max(1, Number(argv[++i]) || fail('--runs needs a number'));
		else if (arg === '--no-build') options.build = false;
		else fail(`unknown argument ${arg} (use --runs N, --json <dir>, --no-build)`);
	}
	return options;
}

function fail(message: string): never {
	console.error(`lighthouse: ${message}`);
	process.exit(2);
}

const options = parseArgs(process.argv.slice(2));

const state = buildState();
if (state !== 'fresh') {
	if (state === 'missing' || options.build) {
		console.error(state === 'missing' ? 'No build yet: building the app…' : 'Sources changed: rebuilding the app…');
		const result = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
		if (result.status !== 0) process.exit(result.status ?? 1);
	} else {
		console.error('Warning: the build is older than its sources (--no-build): scoring the old build.');
	}
}

const dir = mkdtempSync(join(tmpdir(), 'course-lighthouse-'));
let server: ChildProcess | null = null;
let chrome: chromeLauncher.LaunchedChrome | null = null;

function cleanUp() {
	try {
		chrome?.kill();
	} catch {
		// already gone
	}
	chrome = null;
	if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		cleanUp();
		process.exit(130);
	});
}

/** Median run by performance score, as Lighthouse advises for repeated runs. */
function medianRun(runs: Lhr[]): Lhr {
	const sorted = [...runs].sort(
		(a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0)
	);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

function score(lhr: Lhr, category: string): number | null {
	const value = lhr.categories[category]?.score;
	return value === null || value === undefined ? null : Math.round(value * 100);
}

/** The audits that cost points in a category: scored, and below a pass. */
function failingAudits(lhr: Lhr, category: string): string[] {
	const lines: string[] = [];
	for (const ref of lhr.categories[category]?.auditRefs ?? []) {
		const audit = lhr.audits[ref.id];
		if (!audit || audit.score === null) continue;
		if (['informative', 'notApplicable', 'manual', 'error'].includes(audit.scoreDisplayMode)) continue;
		// Performance metrics score on a curve: list those under 0.9, and any opportunity not passed.
		const threshold = category === 'performance' ? 0.9 : 1;
		if (audit.score >= threshold) continue;
		const value = audit.displayValue ? ` (${audit.displayValue})` : '';
		const weight = ref.weight > 0 ? `, weight ${ref.weight}` : '';
		lines.push(`\`${audit.id}\`: ${audit.title}${value} — score ${Math.round(audit.score * 100)}${weight}`);
	}
	return lines;
}

let lighthouseFailed = false;

try {
	server = startServer({ port: PORT, databaseFile: join(dir, 'app.db') });
	await waitUntilHealthy(ORIGIN, server, 30_000);

	chrome = await chromeLauncher.launch({
		chromePath: await chromiumPath(),
		chromeFlags: CHROME_FLAGS,
		logLevel: 'error',
		handleSIGINT: false
	});
	const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string };

	const results: { name: string; path: string; lhr: Lhr }[] = [];
	for (const page of PAGES) {
		const runs: Lhr[] = [];
		for (let run = 1; run <= options.runs; run++) {
			console.error(`Lighthouse: ${page.path}${options.runs > 1 ? ` (run ${run} of ${options.runs})` : ''}…`);
			const result = await lighthouse(`${ORIGIN}${page.path}`, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: CATEGORIES.map((c) => c.id)
			});
			if (!result) throw new Error(`Lighthouse returned no result for ${page.path}`);
			if (result.lhr.runtimeError) {
				throw new Error(`Lighthouse failed on ${page.path}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
			}
			runs.push(result.lhr);
		}
		results.push({ ...page, lhr: medianRun(runs) });
	}

	if (options.jsonDir) {
		mkdirSync(options.jsonDir, { recursive: true });
		for (const { name, lhr } of results) {
			writeFileSync(join(options.jsonDir, `${name.toLowerCase()}.json`), JSON.stringify(lhr, null, '\t'));
		}
	}

	const first = results[0].lhr;
	const out: string[] = [];
	out.push('## Lighthouse (mobile, default settings)', '');
	out.push(
		`${new Date().toISOString().slice(0, 10)} · ${version.Browser} · Node ${process.version} · ` +
			`Lighthouse ${first.lighthouseVersion} · ${first.configSettings.formFactor}, ` +
			`${first.configSettings.throttlingMethod} throttling · CPU benchmark index ${first.environment.benchmarkIndex}` +
			(options.runs > 1 ? ` · median of ${options.runs} runs` : ''),
		''
	);
	out.push(`| Page | ${CATEGORIES.map((c) => c.title).join(' | ')} |`);
	out.push(`| --- | ${CATEGORIES.map(() => '---:').join(' | ')} |`);
	for (const { name, path, lhr } of results) {
		const cells = CATEGORIES.map((c) => {
			const value = score(lhr, c.id);
			return value === null ? 'n/a' : value < c.target ? `**${value}** ✗` : String(value);
		});
		out.push(`| ${name} (\`${path}\`) | ${cells.join(' | ')} |`);
	}
	out.push(`| Target | ${CATEGORIES.map((c) => (c.target === 100 ? '100' : `≥ ${c.target}`)).join(' | ')} |`, '');

	let belowTarget = 0;
	for (const { name, path, lhr } of results) {
		for (const c of CATEGORIES) {
			const value = score(lhr, c.id);
			if (value === null || value >= c.target) continue;
			belowTarget++;
			out.push(`### ${name} (\`${path}\`): ${c.title} ${value} < ${c.target}`, '');
			const audits = failingAudits(lhr, c.id);
			out.push(...(audits.length > 0 ? audits.map((line) => `- ${line}`) : ['- (no single failing audit)']), '');
		}
		for (const warning of lhr.runWarnings) out.push(`> ${name}: ${warning.replace(/\s+/g, ' ')}`, '');
	}
	out.push(belowTarget === 0 ? 'Every page meets every target.' : `${belowTarget} score(s) below target.`);
	console.log(out.join('\n'));
} catch (error) {
	lighthouseFailed = true;
	console.error(`lighthouse: ${(error as Error).stack ?? error}`);
} finally {
	try {
		chrome?.kill();
	} catch {
		// already gone
	}
	chrome = null;
	if (server) {
		server.kill('SIGTERM');
		await stopped(server);
	}
}

process.exit(lighthouseFailed ? 1 : 0);
