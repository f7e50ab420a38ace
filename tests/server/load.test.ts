// Load without loss: 50 guest learners read lessons and answer questions concurrently for 20 s
// against the built server. No 5xx, no network errors, every acknowledged answer has exactly
// its row (no loss, no phantom rows), and /healthz stays responsive the whole time. On SQLite
// (one app server) and on PostgreSQL (two app servers on one database, as behind a load
// balancer: each learner's requests go to each server in turn), see DATABASE_KINDS.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { DATABASE_KINDS, testDatabase, type DatabaseKind, type TestDatabase } from '../support/database';
import { sampleAnswer } from '../support/sample-answer';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

/** One app server on SQLite (one process is the SQLite deployment), two on one PostgreSQL. */
const PORTS: Record<DatabaseKind, { apps: number[]; postgres?: number }> = {
	sqlite: { apps: [4393] },
	postgres: { apps: [4724, 4725], postgres: 4723 }
};
const LEARNERS = 50;
const RUN_MS = 20_000;
const HEALTH_INTERVAL_MS = 200;
/** A learner reloads the lesson page before about this share of its rounds of answers. */
const PAGE_VIEW_SHARE = 0.3;
/** A request still unanswered after this long is abandoned and counts as a network error. */
const REQUEST_TIMEOUT_MS = 8_000;
/**
 * Bounds, from runs on a 2-core machine (shared with other work, and with up to four busy
 * processes added): 2,600–6,400 answers per run, about 5,000 when it is quiet; the slowest
 * /healthz poll of a run took 0.36–1.1 s. The answer bound is a third of the slowest run, so a
 * server that stalls or crawls fails while a busy machine does not. The /healthz bound is nearly
 * three times the worst seen, and still well under the 5 s a write waiting for a SQLite lock
 * (busy_timeout) or any other blocking call of that order would hold every request up for.
 * The same bounds hold for PostgreSQL, whose two app servers share the machine with it.
 */
const MIN_ANSWERS = 800;
const MIN_ANSWERS_PER_LEARNER = 5;
const MAX_HEALTH_MS = 3_000;

/**
 * Each learner gets its own keep-alive connection, as a browser tab would. fetch's shared pool
 * opens extra connections mid-run when a learner's next request overtakes the release of its
 * last one, and a busy Node 20 server accepts one new connection per turn of its event loop, so
 * those requests waited seconds in the accept queue: a client artefact, not the app's. undici is
 * not a dependency, so its Agent class comes from the global dispatcher Node's own fetch created.
 */
interface KeepAliveAgent {
	close(): Promise<void>;
}
type AgentClass = new (options: { connections: number; keepAliveTimeout: number }) => KeepAliveAgent;

function keepAliveAgent(): KeepAliveAgent {
	const global = (globalThis as Record<symbol, { constructor: AgentClass } | undefined>)[
		Symbol.for('undici.globalDispatcher.1')
	];
	if (!global) throw new Error("Node's fetch has not created its global dispatcher yet");
	return new global.constructor({ connections: 1, keepAliveTimeout: 10_000 });
}

interface Learner {
	agent: KeepAliveAgent;
	/** The session token the server set with the first acknowledged answer ('' until then). */
	token: string;
	/** Every session token the server ever set for this learner (one, if all is well). */
	tokens: Set<string>;
	/** Question ids of the answers the server acknowledged, in order. */
	acknowledged: string[];
	/** Requests sent so far (the next goes to the server after the last one's). */
	requests: number;
	pageViews: number;
	clientErrors: number;
	serverErrors: number;
	networkErrors: number;
	/** Responses that were neither a success nor an error (a redirect, say). */
	unexpected: number;
}

interface Poll {
	/** Which app server answered (its index in the kind's ports). */
	server: number;
	ms: number;
	status: number | string;
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const total = (learners: Learner[], count: (learner: Learner) => number) =>
	learners.reduce((sum, learner) => sum + count(learner), 0);

const running = (server: ChildProcess) => server.exitCode === null && server.signalCode === null;

describe.each(DATABASE_KINDS)('50 learners answering concurrently for 20 s (%s)', (kind) => {
	const origins = PORTS[kind].apps.map(serverOrigin);
	const servers: ChildProcess[] = [];
	let database: TestDatabase;
	const learners: Learner[] = [];
	const polls: Poll[] = [];
	const answerMs: number[] = [];
	const networkErrors: string[] = [];
	let serverLog = '';
	let elapsedMs = 0;

	afterAll(async () => {
		// Normally stopped already; this covers a run that failed or timed out half-way.
		for (const server of servers.filter(running)) server.kill('SIGKILL');
		await Promise.all(servers.map(stopped));
		await database?.stop();
	});

	beforeAll(async () => {
		const course = await buildCourse(resolve('lessons'));
		const lessons = course.lessons
			.filter((l) => l.questionIds.length > 0)
			.map((l) => ({ slug: l.slug, answers: Object.values(publicQuestions(course, l.questionIds)).map(sampleAnswer) }));

		// Another server on a port (say, left over from an aborted run) would answer in ours' stead.
		for (const origin of origins) {
			const occupied = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
				() => true,
				() => false
			);
			if (occupied) throw new Error(`${origin} is already in use`);
		}

		database = await testDatabase(kind, PORTS[kind].postgres);
		// Several servers start at once, as a deployment's would (the first applies the migrations).
		for (const [i, port] of PORTS[kind].apps.entries()) {
			const name = origins.length > 1 ? `[server ${i}] ` : '';
			servers.push(startServer({ port, databaseUrl: database.url, onStderr: (chunk) => (serverLog += name + chunk) }));
		}
		await Promise.all(servers.map((server, i) => waitUntilHealthy(origins[i], server, 8_000)));
		// Render each lesson once on each server, as a deployment's first visitors would, so that the
		// run measures warm servers rather than first-render costs (page views store nothing).
		for (const origin of origins) {
			for (const lesson of lessons) await (await fetch(`${origin}/lessons/${lesson.slug}`)).text();
		}

		// Each learner's requests go to each server in turn, as a round-robin load balancer sends them.
		async function request(learner: Learner, path: string, init: RequestInit = {}): Promise<Response> {
			const origin = origins[learner.requests++ % origins.length];
			const headers = new Headers(init.headers);
			headers.set('connection', 'keep-alive');
			headers.set('origin', origin);
			if (learner.token) headers.set('cookie', `session=${learner.token}`);
			const response = await fetch(`${origin}${path}`, {
				...init,
				headers,
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
				// Node's fetch (undici) takes the connection pool to use as `dispatcher`.
				dispatcher: learner.agent
			} as RequestInit);
			const setCookie = response.headers.get('set-cookie')?.match(/session=([^;]*)/);
			if (setCookie?.[1]) {
				learner.tokens.add(setCookie[1]);
				learner.token ||= setCookie[1];
			}
			return response;
		}

		function failed(learner: Learner, error: unknown) {
			learner.networkErrors++;
			const cause = (error as { cause?: { code?: string } }).cause?.code;
			networkErrors.push(`${(error as Error).message}${cause ? ` (${cause})` : ''}`);
		}

		async function viewPage(learner: Learner, slug: string) {
			try {
				const response = await request(learner, `/lessons/${slug}`);
				await response.text();
				if (response.status >= 500) learner.serverErrors++;
				else if (response.status >= 400) learner.clientErrors++;
				else if (response.ok) learner.pageViews++;
				else learner.unexpected++;
			} catch (error) {
				failed(learner, error);
			}
		}

		async function answer(learner: Learner, slug: string, fields: [string, string][]) {
			const t0 = performance.now();
			try {
				const response = await request(learner, `/lessons/${slug}?/answer`, {
					method: 'POST',
					headers: { 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams(fields)
				});
				const text = await response.text();
				answerMs.push(performance.now() - t0);
				if (response.status >= 500) return void learner.serverErrors++;
				if (response.status >= 400) return void learner.clientErrors++;
				// A form action answers 200 with the outcome in its body; failures carry their status.
				const result = JSON.parse(text) as { type: string; status?: number };
				if (response.ok && result.type === 'success') learner.acknowledged.push(fields[0][1]);
				else if (result.type === 'error' && (result.status ?? 500) >= 500) learner.serverErrors++;
				else if (result.type === 'failure' || result.type === 'error') learner.clientErrors++;
				else learner.unexpected++;
			} catch (error) {
				failed(learner, error);
			}
		}

		for (let i = 0; i < LEARNERS; i++) {
			learners.push({
				agent: keepAliveAgent(),
				token: '',
				tokens: new Set(),
				acknowledged: [],
				requests: 0,
				pageViews: 0,
				clientErrors: 0,
				serverErrors: 0,
				networkErrors: 0,
				unexpected: 0
			});
		}
		const healthAgent = keepAliveAgent();
		try {
			// Every learner opens its first lesson (and its connection) before the clock starts.
			await Promise.all(learners.map((learner, i) => viewPage(learner, lessons[i % lessons.length].slug)));
			for (const origin of origins) await fetch(`${origin}/healthz`, { dispatcher: healthAgent } as RequestInit).then((r) => r.text());

			const started = Date.now();
			const endAt = started + RUN_MS;

			// Each learner works through the course from its own lesson, reading the page now and
			// then and answering a few of the lesson's questions, in any order, without pausing.
			async function learn(learner: Learner, index: number) {
				for (let round = 0; Date.now() < endAt; round++) {
					const lesson = lessons[(index + round) % lessons.length];
					if (round > 0 && Math.random() < PAGE_VIEW_SHARE) await viewPage(learner, lesson.slug);
					const picks = 2 + Math.floor(Math.random() * 3);
					for (let n = 0; n < picks && Date.now() < endAt; n++) {
						await answer(learner, lesson.slug, lesson.answers[Math.floor(Math.random() * lesson.answers.length)]);
					}
				}
			}

			async function pollHealth(server: number) {
				while (Date.now() < endAt) {
					const t0 = performance.now();
					let status: Poll['status'];
					try {
						const response = await fetch(`${origins[server]}/healthz`, {
							signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
							dispatcher: healthAgent
						} as RequestInit);
						await response.text();
						status = response.status;
					} catch (error) {
						status = (error as Error).message;
					}
					polls.push({ server, ms: performance.now() - t0, status });
					await sleep(HEALTH_INTERVAL_MS);
				}
			}

			await Promise.all([...origins.map((_, server) => pollHealth(server)), ...learners.map((learner, i) => learn(learner, i))]);
			elapsedMs = Date.now() - started;
		} finally {
			await Promise.all([healthAgent, ...learners.map((l) => l.agent)].map((agent) => agent.close()));
		}

		for (const server of servers) server.kill('SIGTERM');
		const exited = await Promise.race([Promise.all(servers.map(stopped)).then(() => true), sleep(5_000).then(() => false)]);
		if (!exited) {
			for (const server of servers.filter(running)) server.kill('SIGKILL');
			await Promise.all(servers.map(stopped));
		}

		const answers = total(learners, (l) => l.acknowledged.length);
		const healthMs = polls.map((p) => p.ms);
		console.log(
			`load (${kind}, ${servers.length} app server${servers.length === 1 ? '' : 's'}): ` +
				`${LEARNERS} learners, ${(elapsedMs / 1000).toFixed(1)} s: ${answers} answers ` +
				`(${((answers * 1000) / elapsedMs).toFixed(0)}/s, p95 ${percentile(answerMs, 95).toFixed(0)} ms, ` +
				`max ${Math.max(...answerMs).toFixed(0)} ms), ${total(learners, (l) => l.pageViews)} page views; ` +
				`/healthz ${polls.length} polls, p95 ${percentile(healthMs, 95).toFixed(0)} ms, ` +
				`max ${Math.max(...healthMs).toFixed(0)} ms`
		);
	}, 60_000);

	it('answers every request, without a 5xx, a network error or a refusal', () => {
		expect(learners).toHaveLength(LEARNERS);
		expect(total(learners, (l) => l.serverErrors), `5xx responses; the server logged:\n${serverLog}`).toBe(0);
		expect(total(learners, (l) => l.networkErrors), networkErrors.slice(0, 5).join('\n')).toBe(0);
		// Every answer posted is a valid one: a 4xx would be an answer refused.
		expect(total(learners, (l) => l.clientErrors), '4xx responses').toBe(0);
		expect(total(learners, (l) => l.unexpected), 'responses neither success nor error').toBe(0);
	}, 5_000);

	it('keeps up a healthy rate of answers, for every learner', () => {
		expect(total(learners, (l) => l.acknowledged.length)).toBeGreaterThan(MIN_ANSWERS);
		for (const learner of learners) expect(learner.acknowledged.length).toBeGreaterThanOrEqual(MIN_ANSWERS_PER_LEARNER);
	}, 5_000);

	it('stores exactly the acknowledged answers, learner by learner', async () => {
		for (const learner of learners) {
			expect(learner.tokens.size, 'one guest session per learner').toBe(1);
			const sessionId = createHash('sha256').update(learner.token).digest('hex');
			const rows = await database.query<{ question_id: string }>(
				'select question_id from attempts where user_id = (select user_id from sessions where id = ?) order by id',
				[sessionId]
			);
			// A learner answers one question at a time, so its rows are in acknowledgement order.
			expect(rows.map((r) => r.question_id)).toEqual(learner.acknowledged);
		}
		expect(await database.count('attempts'), 'rows in attempts, all learners').toBe(total(learners, (l) => l.acknowledged.length));
		expect(await database.count('users', "role = 'guest'"), 'guest users').toBe(LEARNERS);
	}, 10_000);

	it('keeps /healthz responsive throughout, on every server', () => {
		// One poll per 200 ms pause plus its own time: a stalled server shows as too few polls.
		for (const server of origins.keys()) {
			expect(polls.filter((p) => p.server === server).length).toBeGreaterThan(RUN_MS / (HEALTH_INTERVAL_MS + MAX_HEALTH_MS));
		}
		for (const poll of polls) expect(poll.status).toBe(200);
		expect(Math.max(...polls.map((p) => p.ms))).toBeLessThan(MAX_HEALTH_MS);
	}, 5_000);
});
