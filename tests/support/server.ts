// The built server (scripts/serve.js, as npm start runs it) in a child process, on its own port
// and database, for server tests that talk to it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export type ServerOptions = {
	port: number;
	/** Collect the server's stderr (its logged errors) instead of discarding it. */
	onStderr?: (chunk: string) => void;
	/** Further environment variables (settings) for the server. */
	env?: Record<string, string>;
} & (
	| { /** A SQLite file. */ databaseFile: string }
	| { /** Any DATABASE_URL: a SQLite file or postgres://… (see testDatabase in database.ts). */ databaseUrl: string }
);

export function serverOrigin(port: number): string {
	return `http://127.0.0.1:${port}`;
}

/**
 * The answer limits (ANSWERS_PER_MINUTE…) are lifted for server tests, whose clients answer as
 * fast as they can from one address; a test of the limits sets its own.
 */
const NO_ANSWER_LIMITS = { ANSWERS_PER_MINUTE: '1000000', ANSWERS_PER_MINUTE_PER_ADDRESS: '1000000' };

export function startServer(options: ServerOptions): ChildProcess {
	const { port, onStderr, env = {} } = options;
	const databaseUrl = 'databaseUrl' in options ? options.databaseUrl : options.databaseFile;
	if (!existsSync(resolve('build/handler.js'))) throw new Error('Build the app first (npm run build).');
	const origin = serverOrigin(port);
	const server = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, ...NO_ANSWER_LIMITS, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATABASE_URL: databaseUrl },
		stdio: ['ignore', 'ignore', onStderr ? 'pipe' : 'ignore']
	});
	if (onStderr) server.stderr!.setEncoding('utf8').on('data', onStderr);
	return server;
}

/** Resolves once /healthz answers 200; throws if the server exits or the deadline passes. */
export async function waitUntilHealthy(origin: string, server?: ChildProcess, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server && (server.exitCode !== null || server.signalCode !== null)) {
			throw new Error(`the server exited before becoming healthy (${server.exitCode ?? server.signalCode})`);
		}
		try {
			if ((await fetch(`${origin}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('the server did not become healthy');
}

export function stopped(server: ChildProcess): Promise<void> {
	const exited = server.exitCode !== null || server.signalCode !== null;
	return new Promise((done) => (exited ? done() : server.once('exit', () => done())));
}

export interface AnswerResult {
	startedAt: number;
	endedAt: number;
	/** 'acknowledged', a refusal's status (e.g. 503), or 'unexpected' (anything else: a 500, not JSON). */
	outcome: 'acknowledged' | number | 'unexpected';
	/** The refusal's message or the unexpected reply, for the failure message of a test. */
	detail?: string;
}

export interface AnsweringClients {
	/** Answers the server confirmed, per session cookie ("session=…"), updated as they arrive. */
	acknowledged: Map<string, number>;
	/** Every reply, in the order they arrived. */
	results: AnswerResult[];
	/** Stops every client after its current request (or when the server is gone). */
	stop(): Promise<void>;
}

/**
 * `count` guests posting answers to one lesson as fast as they can, each cycling through
 * `answers` (form fields) from its own starting point. A client stops quietly when the server
 * goes away, so a test may kill the server while they run.
 */
export function answeringClients(origin: string, lessonSlug: string, answers: [string, string][][], count: number): AnsweringClients {
	const acknowledged = new Map<string, number>();
	const results: AnswerResult[] = [];
	let stopped = false;
	async function client(index: number) {
		let cookie = '';
		for (let n = 0; !stopped; n++) {
			const startedAt = Date.now();
			try {
				const response = await fetch(`${origin}/lessons/${lessonSlug}?/answer`, {
					method: 'POST',
					headers: { 'x-sveltekit-action': 'true', origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams(answers[(n + index) % answers.length])
				});
				const setCookie = response.headers.get('set-cookie')?.match(/session=([^;]+)/);
				if (setCookie) cookie = `session=${setCookie[1]}`;
				const text = await response.text();
				let result: { type?: string; status?: number; data?: string } = {};
				try {
					result = JSON.parse(text);
				} catch {
					// not JSON: counted as unexpected below
				}
				const endedAt = Date.now();
				if (response.ok && result.type === 'success') {
					acknowledged.set(cookie, (acknowledged.get(cookie) ?? 0) + 1);
					results.push({ startedAt, endedAt, outcome: 'acknowledged' });
				} else if (response.ok && result.type === 'failure' && typeof result.status === 'number') {
					results.push({ startedAt, endedAt, outcome: result.status, detail: result.data });
				} else {
					results.push({ startedAt, endedAt, outcome: 'unexpected', detail: `${response.status} ${text.slice(0, 200)}` });
				}
			} catch {
				return; // the server is gone
			}
		}
	}
	const running = Array.from({ length: count }, (_, i) => client(i));
	return {
		acknowledged,
		results,
		stop: async () => {
			stopped = true;
			await Promise.all(running);
		}
	};
}
