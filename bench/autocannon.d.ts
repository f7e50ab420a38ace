// The part of autocannon 9's API that bench/run.ts uses (the package ships no types).
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	export interface AutocannonRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	}

	export interface AutocannonOptions {
		url: string;
		connections?: number;
		/** Seconds. */
		duration?: number;
		/** Stop after this many requests instead of after `duration`. */
		amount?: number;
		method?: string;
		headers?: Record<string, string>;
		body?: string;
		/** Cycled through in order by each connection. */
		requests?: AutocannonRequest[];
		/** A response whose body fails this counts as a mismatch. */
		verifyBody?: (body: string) => boolean;
		/** Seconds before a request counts as timed out. */
		timeout?: number;
	}

	/** Histogram summary as autocannon reports it (there is no p95). */
	export interface AutocannonHistogram {
		average: number;
		mean: number;
		stddev: number;
		min: number;
		max: number;
		total: number;
		p50: number;
		p90: number;
		p97_5: number;
		p99: number;
	}

	export interface AutocannonResult {
		duration: number;
		errors: number;
		timeouts: number;
		mismatches: number;
		non2xx: number;
		resets: number;
		'2xx': number;
		statusCodeStats: Record<string, { count: number }>;
		latency: AutocannonHistogram & { totalCount: number };
		requests: AutocannonHistogram & { sent: number };
		throughput: AutocannonHistogram;
	}

	export interface AutocannonInstance extends EventEmitter {
		stop(): void;
		on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
		on(event: 'reqError', listener: (error: Error) => void): this;
		on(event: 'reqMismatch', listener: (body: string) => void): this;
		on(event: string, listener: (...args: unknown[]) => void): this;
	}

	export default function autocannon(
		options: AutocannonOptions,
		callback: (error: Error | null, result: AutocannonResult) => void
	): AutocannonInstance;
}
