// An open-loop load generator: requests leave at a fixed arrival rate, scheduled by the clock,
// whatever the server does with the earlier ones (never "send the next when the last came
// back", which lets a slow server slow its own load down and hides its queueing). Latency is
// counted from the moment each request was due, so time a request spent waiting to leave the
// client (a late timer, every connection busy) is the server's delay too, as it would be for
// a learner. HTTP with undici's Pool, one connection per simultaneous request up to
// `maxConnections`, as many browsers would open.
import { Pool } from 'undici';

export interface OpenLoopRequest {
	method: 'GET' | 'POST';
	path: string;
	headers: Record<string, string>;
	body?: string;
	/**
	 * A request sent as soon as this one has succeeded, as a browser sends it (the reload of a
	 * page's data after an answer); the arrival's latency then runs to the end of the last one.
	 */
	then?: OpenLoopRequest & { ok: (body: string) => boolean };
}

export interface OpenLoopOptions {
	origin: string;
	/** Requests per second. */
	rate: number;
	seconds: number;
	/** The i-th request (from 0). */
	request: (i: number) => OpenLoopRequest;
	/** Whether a response body counts as a success (the status must be 2xx too). */
	ok: (body: string) => boolean;
	maxConnections?: number;
	/** A request not answered after this long counts as an error. */
	timeoutMs?: number;
}

export interface OpenLoopResult {
	rate: number;
	sent: number;
	succeeded: number;
	errors: number;
	/** A few of the errors, to say what went wrong. */
	errorSamples: string[];
	/** Latency (ms) of every request, from when it was due to the end of its response, sorted. */
	latencies: number[];
	p50: number;
	p99: number;
	/** How far behind its schedule the generator itself fell at worst (ms): it should be small. */
	maxSendLagMs: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
	const { origin, rate, seconds, request, ok, maxConnections = 512, timeoutMs = 10_000 } = options;
	const pool = new Pool(origin, { connections: maxConnections, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
	const total = Math.round(rate * seconds);
	const latencies: number[] = [];
	const errorSamples: string[] = [];
	let errors = 0;
	let succeeded = 0;
	let maxSendLagMs = 0;
	const inFlight: Promise<void>[] = [];

	const fail = (message: string) => {
		errors++;
		if (errorSamples.length < 5) errorSamples.push(message);
	};

	async function send(i: number, dueAt: number): Promise<void> {
		let next: (OpenLoopRequest & { ok: (body: string) => boolean }) | undefined = { ...request(i), ok };
		try {
			while (next) {
				const { method, path, headers, body } = next;
				const response = await pool.request({ method, path, headers, body });
				const text = await response.body.text();
				if (response.statusCode < 200 || response.statusCode >= 300 || !next.ok(text)) {
					latencies.push(performance.now() - dueAt);
					fail(`${method} ${path.split('?')[0]}: ${response.statusCode} ${text.slice(0, 120)}`);
					return;
				}
				next = next.then;
			}
			latencies.push(performance.now() - dueAt);
			succeeded++;
		} catch (error) {
			latencies.push(performance.now() - dueAt);
			fail((error as Error).message);
		}
	}

	const start = performance.now();
	let next = 0;
	await new Promise<void>((done) => {
		// Every millisecond or so, send every request that has fallen due (a timer can be late
		// by a few ms; the requests due meanwhile then leave together, each timed from its due time).
		const tick = () => {
			const now = performance.now();
			while (next < total && start + (next * 1000) / rate <= now) {
				const dueAt = start + (next * 1000) / rate;
				maxSendLagMs = Math.max(maxSendLagMs, now - dueAt);
				inFlight.push(send(next, dueAt));
				next++;
			}
			if (next < total) setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
			else done();
		};
		tick();
	});
	await Promise.all(inFlight);
	await pool.close();
	latencies.sort((a, b) => a - b);
	return {
		rate,
		sent: total,
		succeeded,
		errors,
		errorSamples,
		latencies,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		maxSendLagMs
	};
}
