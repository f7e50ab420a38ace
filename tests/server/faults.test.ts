// Never acknowledge what was not stored. The built server runs with a small C library preloaded
// (tests/support/fault-injection.c) that makes the disk fail on demand: full (ENOSPC), read-only
// (EROFS) or failing (EIO). Guests answer throughout; a sign-up is tried during the fault too.
// Every acknowledged answer must be in the database after a restart, no answer sent while the
// disk was failing may be acknowledged, the refusals are 503s with a plain message, /healthz says
// not-ok meanwhile, the log has one short line per kind of failure, and the server recovers by
// itself once the disk is healthy again.
import Database from 'better-sqlite3';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { answeringClients, serverOrigin, startServer, stopped, waitUntilHealthy, type AnswerResult } from '../support/server';

const PORT = 4396;
const ORIGIN = serverOrigin(PORT);
const CLIENTS = 4;
const BEFORE_FAULT_MS = 1_000;
const FAULT_MS = 2_000;

const dir = mkdtempSync(join(tmpdir(), 'course-faults-'));
const library = join(dir, 'fault-injection.so');
let lessonSlug: string;
let answers: [string, string][][];

beforeAll(async () => {
	// The C compiler is there wherever `npm ci` could build better-sqlite3.
	execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', library, resolve('tests/support/fault-injection.c'), '-ldl']);
	const course = await buildCourse(resolve('lessons'));
	const lesson = course.lessons.find((l) => !l.diagnostic && l.questionIds.length > 0)!;
	lessonSlug = lesson.slug;
	answers = Object.values(publicQuestions(course, lesson.questionIds)).map(sampleAnswer);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function health(): Promise<{ status: number; body: string }> {
	const response = await fetch(`${ORIGIN}/healthz`);
	return { status: response.status, body: await response.text() };
}

/** Polls until `check` holds, for up to `ms`. */
async function eventually(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await check()) return true;
		await sleep(100);
	}
	return false;
}

function storedPerSession(databaseFile: string, cookies: string[]): Map<string, number> {
	const db = new Database(databaseFile, { readonly: true });
	try {
		const count = db.prepare('select count(*) from attempts where user_id = (select user_id from sessions where id = ?)').pluck();
		return new Map(cookies.map((cookie) => [cookie, count.get(createHash('sha256').update(cookie.slice('session='.length)).digest('hex')) as number]));
	} finally {
		db.close();
	}
}

interface Run {
	results: AnswerResult[];
	acknowledged: Map<string, number>;
	stored: Map<string, number>;
	faultOn: number;
	faultOff: number;
	healthDuringFault: { status: number; body: string };
	recovered: boolean;
	signUpDuringFault: { status: number; html: string };
	log: string;
}

async function runWithFault(mode: 'ENOSPC' | 'EROFS' | 'EIO'): Promise<Run> {
	const runDir = join(dir, mode);
	const dataDir = join(runDir, 'data');
	mkdirSync(dataDir, { recursive: true });
	const databaseFile = join(dataDir, 'app.db');
	const control = join(runDir, 'fault');
	let log = '';
	const env = { LD_PRELOAD: library, FAULT_DIR: dataDir, FAULT_CONTROL: control };
	let server: ChildProcess = startServer({ port: PORT, databaseFile, env, onStderr: (chunk) => (log += chunk) });
	try {
		await waitUntilHealthy(ORIGIN, server);
		const clients = answeringClients(ORIGIN, lessonSlug, answers, CLIENTS);
		await sleep(BEFORE_FAULT_MS);

		writeFileSync(control, mode);
		const faultOn = Date.now();
		await sleep(FAULT_MS / 2);
		const healthDuringFault = await health();
		const signUp = await fetch(`${ORIGIN}/signup`, {
			method: 'POST',
			headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ username: `ada_${mode.toLowerCase()}`, displayName: 'Ada', password: 'purple kettles argue at dawn', role: 'student' }),
			redirect: 'manual'
		});
		const signUpDuringFault = { status: signUp.status, html: await signUp.text() };
		await sleep(FAULT_MS / 2);
		unlinkSync(control);
		const faultOff = Date.now();

		// Recovery by itself: healthy again, and answers acknowledged again.
		const recovered =
			(await eventually(async () => (await health()).status === 200, 15_000)) &&
			(await eventually(() => clients.results.some((r) => r.startedAt > faultOff && r.outcome === 'acknowledged'), 5_000));
		await clients.stop();
		server.kill('SIGTERM');
		await stopped(server);

		// After a restart on the healthy disk, count what was stored for each guest.
		server = startServer({ port: PORT, databaseFile });
		await waitUntilHealthy(ORIGIN, server);
		server.kill('SIGTERM');
		await stopped(server);
		const stored = storedPerSession(databaseFile, [...clients.acknowledged.keys()]);
		return { results: clients.results, acknowledged: clients.acknowledged, stored, faultOn, faultOff, healthDuringFault, recovered, signUpDuringFault, log };
	} finally {
		server.kill('SIGKILL');
		await stopped(server);
	}
}

const EXPECTED_CODE = { ENOSPC: 'SQLITE_FULL', EROFS: 'SQLITE_IOERR', EIO: 'SQLITE_IOERR' } as const;

describe.each(['ENOSPC', 'EROFS', 'EIO'] as const)('a disk that fails with %s', (mode) => {
	let run: Run;

	beforeAll(async () => {
		run = await runWithFault(mode);
		const during = run.results.filter((r) => r.startedAt > run.faultOn && r.endedAt < run.faultOff);
		const total = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
		// The figures for the closing note and README.
		console.log(
			`${mode}: ${run.results.length} answers sent, ${total(run.acknowledged)} acknowledged, ${total(run.stored)} stored; ` +
				`${during.length} sent during the fault, ${during.filter((r) => r.outcome === 503).length} refused with 503`
		);
	}, 90_000);

	it('keeps every acknowledged answer, and stores nothing it did not acknowledge', () => {
		expect(run.acknowledged.size).toBe(CLIENTS);
		for (const [cookie, count] of run.acknowledged) expect(run.stored.get(cookie)).toBe(count);
	});

	it('acknowledges no answer sent while the disk was failing, and refuses them with a 503 and a plain message', () => {
		const during = run.results.filter((r) => r.startedAt > run.faultOn && r.endedAt < run.faultOff);
		expect(during.length).toBeGreaterThan(0);
		expect(during.filter((r) => r.outcome !== 503)).toEqual([]);
		expect(during[0].detail).toContain('We could not save this answer. Your choices are still on the page');
	});

	it('never answers with a 500 or anything but a success or a refusal', () => {
		expect(run.results.filter((r) => r.outcome === 'unexpected')).toEqual([]);
	});

	it('refuses a sign-up with a 503 that keeps what was typed', () => {
		expect(run.signUpDuringFault.status).toBe(503);
		expect(run.signUpDuringFault.html).toContain('We could not save this. Nothing was changed');
		expect(run.signUpDuringFault.html).toContain(`ada_${mode.toLowerCase()}`);
		expect(run.signUpDuringFault.html).not.toContain('purple kettles');
	});

	it('reports not-ok on /healthz while the disk fails, saying nothing more, and recovers by itself', () => {
		expect(run.healthDuringFault).toEqual({ status: 503, body: '{"ok":false}' });
		expect(run.recovered).toBe(true);
	});

	it('logs each kind of failure in one short line, without a stack trace', () => {
		const lines = run.log.split('\n').filter((line) => line.trim() !== '');
		expect(lines.some((line) => line.startsWith(`database write failed: answer ${EXPECTED_CODE[mode]}`))).toBe(true);
		expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
		// At most one line per operation and code every 10 s, whatever the number of refusals.
		expect(lines.length).toBeLessThan(12);
	});
});
