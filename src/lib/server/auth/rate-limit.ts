// Rate limits for sign-in, sign-up, join codes, new guests and answers, with rate-limiter-flexible:
// in memory on SQLite (one app process), in a PostgreSQL table on PostgreSQL, where several app
// processes share one database and must share the counts too (useSharedRateLimitStore).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface Limit {
	/** Attempts allowed per window. */
	points: number;
	/** Window length in seconds. */
	duration: number;
}

function positiveInteger(value: string | undefined): number | null {
	const n = Number(value);
	return value && Number.isInteger(n) && n > 0 ? n : null;
}

export const DEFAULT_LIMITS = {
	/** Failed sign-ins for one username. */
	loginFailuresPerUsername: { points: 10, duration: 15 * 60 },
	/** Sign-in attempts from one address (a school shares one address: keep it generous). */
	loginPerIp: { points: 200, duration: 15 * 60 },
	/** New accounts from one address. */
	signupPerIp: { points: 100, duration: 60 * 60 },
	/** Wrong join codes (or reset codes) tried by one user or address. */
	codeFailures: { points: 10, duration: 15 * 60 },
	/**
	 * Wrong join codes looked up by visitors and guests from one address (a join link opened
	 * before signing in shows the class it names). A class often shares one address and mistypes
	 * a code from the board now and then, so it is looser than a signed-in student's limit; an
	 * 8-character code still cannot be found by guessing at this rate.
	 */
	joinLookupsPerIp: { points: 100, duration: 15 * 60 },
	/**
	 * New guests (a first answer without a session) from one address: without a limit a script
	 * could fill the database with guest rows. A whole school may share one address, so the
	 * default is generous; GUESTS_PER_HOUR changes it.
	 */
	guestsPerIp: { points: positiveInteger(process.env.GUESTS_PER_HOUR) ?? 1000, duration: 60 * 60 },
	/**
	 * Answers from one session in a minute. A learner reading and answering sends a few a
	 * minute, and even clicking "Try again" fast stays far below 60; a script posting answers
	 * in a loop (which would grow the database without end) is stopped. ANSWERS_PER_MINUTE.
	 */
	answersPerSession: { points: positiveInteger(process.env.ANSWERS_PER_MINUTE) ?? 60, duration: 60 },
	/** Answers from one address in a minute: a whole school may share it. ANSWERS_PER_MINUTE_PER_ADDRESS. */
	answersPerIp: { points: positiveInteger(process.env.ANSWERS_PER_MINUTE_PER_ADDRESS) ?? 3000, duration: 60 }
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof DEFAULT_LIMITS;

/** "try again in N minutes" for a blocked key. */
export function retryMessage(msBeforeNext: number): string {
	const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
	return `Too many attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * The PostgreSQL table holding every limit's counts (rows keyed "<limit name>:<key>"), in the
 * layout rate-limiter-flexible's RateLimiterPostgres uses. createRateLimitTable makes it, not a
 * migration: it belongs to the library, and SQLite has no such table.
 */
export const RATE_LIMIT_TABLE = 'rate_limits';

/** An advisory lock key for creating the table (any constant nothing else uses). */
const RATE_LIMIT_TABLE_LOCK = 0x7261_7465; // "rate"

/**
 * Creates the table if it is missing, one process at a time: PostgreSQL's `create table if not
 * exists` fails in one of two sessions that run it at the same moment (the library catches only
 * one of the two errors that race gives), so app servers starting together take turns here.
 */
async function createRateLimitTable(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		await client.query('select pg_advisory_xact_lock($1)', [RATE_LIMIT_TABLE_LOCK]);
		await client.query(
			`create table if not exists ${RATE_LIMIT_TABLE} (key varchar(255) primary key, points integer not null default 0, expire bigint)`
		);
		await client.query('commit');
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

/**
 * Keys longer than this are stored as their hash: the PostgreSQL table's key column holds 255
 * characters, prefix included, and a username typed into the sign-in form can be any length.
 */
const MAX_KEY_LENGTH = 128;

function storeKey(key: string): string {
	return key.length > MAX_KEY_LENGTH ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;
}

function memoryLimiters(limits: Record<LimitName, Limit>): Record<LimitName, RateLimiterMemory> {
	return Object.fromEntries(
		Object.entries(limits).map(([name, limit]) => [name, new RateLimiterMemory({ ...limit, keyPrefix: name })])
	) as Record<LimitName, RateLimiterMemory>;
}

/** A limiter on the table; resolves once the table exists (created if need be). */
async function postgresLimiter(
	pool: pg.Pool,
	options: { name: string; limit: Limit; insurance: RateLimiterMemory; tableCreated: boolean; clearExpired: boolean }
): Promise<RateLimiterPostgres> {
	// The callback says when the table is ready; with tableCreated it is called within the constructor.
	let tableReady!: (error?: Error) => void;
	const ready = new Promise<void>((resolve, reject) => (tableReady = (error) => (error ? reject(error) : resolve())));
	const limiter = new RateLimiterPostgres(
		{
			...options.limit,
			keyPrefix: options.name,
			storeClient: pool,
			storeType: 'pool',
			tableName: RATE_LIMIT_TABLE,
			tableCreated: options.tableCreated,
			clearExpiredByTimeout: options.clearExpired,
			insuranceLimiter: options.insurance
		},
		(error) => tableReady(error)
	);
	await ready;
	return limiter;
}

export class RateLimits {
	private limiters: Record<LimitName, RateLimiterAbstract>;

	constructor(private readonly limits: Record<LimitName, Limit> = DEFAULT_LIMITS) {
		this.limiters = memoryLimiters(limits);
	}

	/**
	 * Keeps the counts in PostgreSQL (table rate_limits, created if missing; safe when several
	 * processes start at once: createRateLimitTable) from now on, so every app process on the database shares them.
	 * Counts kept in memory so far are not carried over (call this at start, before requests).
	 *
	 * Each limit is insured by a limit in this process's memory (rate-limiter-flexible's
	 * insuranceLimiter): while the database cannot be reached, a call counts there instead of
	 * failing. A database hiccup then neither locks everyone out (every sign-in and answer
	 * refused) nor lets everyone through (no limit at all): each process limits on its own for
	 * the moment, so a limit is at worst as many times looser as there are processes. The app's
	 * own queries fail in that moment anyway; the limits should not add errors of their own.
	 * (A database that hangs rather than fails holds a limit's call as long as any query: the
	 * pool's timeouts bound both.)
	 */
	async useStore(pool: pg.Pool): Promise<void> {
		await createRateLimitTable(pool);
		const insurance = memoryLimiters(this.limits);
		const entries = Object.entries(this.limits) as [LimitName, Limit][];
		const limiters = {} as Record<LimitName, RateLimiterAbstract>;
		for (const [index, [name, limit]] of entries.entries()) {
			// The first clears expired rows (for the whole table) every 5 minutes.
			limiters[name] = await postgresLimiter(pool, {
				name,
				limit,
				insurance: insurance[name],
				tableCreated: true,
				clearExpired: index === 0
			});
		}
		this.limiters = limiters;
	}

	/** A message if the key has used up its attempts, without using one. */
	async blocked(name: LimitName, key: string): Promise<string | null> {
		const state = await this.limiters[name].get(storeKey(key));
		const limit = this.limiters[name].points;
		return state && state.consumedPoints >= limit ? retryMessage(state.msBeforeNext) : null;
	}

	/** Uses one attempt; a message if that was one too many. */
	async consume(name: LimitName, key: string): Promise<string | null> {
		try {
			await this.limiters[name].consume(storeKey(key));
			return null;
		} catch (result) {
			if (result instanceof RateLimiterRes) return retryMessage(result.msBeforeNext);
			throw result;
		}
	}

	/**
	 * Gives back one attempt: for a right code on a key others share (an address), or that a
	 * valid code could otherwise use to wipe its own wrong tries.
	 */
	async refund(name: LimitName, key: string): Promise<void> {
		await this.limiters[name].reward(storeKey(key), 1);
	}

	/** Forgets a key (after a successful sign-in, its failures no longer count). */
	async reset(name: LimitName, key: string): Promise<void> {
		await this.limiters[name].delete(storeKey(key));
	}
}

/** The app's limits, shared by every request in this process (and, on PostgreSQL, by every process). */
export const rateLimits = new RateLimits();

/**
 * On PostgreSQL: moves the app's limits to the database, shared by all app processes. Await it
 * at start, once the pool exists and before serving requests. Without it (SQLite) they stay in memory.
 */
export function useSharedRateLimitStore(pool: pg.Pool): Promise<void> {
	return rateLimits.useStore(pool);
}
