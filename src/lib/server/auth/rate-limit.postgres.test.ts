// The limits on PostgreSQL: two RateLimits on one database stand for two app processes, which
// must share their counts (a limit spread over several servers is still one limit).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../tests/support/postgres';
import { DEFAULT_LIMITS, RATE_LIMIT_TABLE, RateLimits, type LimitName } from './rate-limit';

const POSTGRES_PORT = 4720;

const tight: Record<LimitName, { points: number; duration: number }> = {
	...DEFAULT_LIMITS,
	loginFailuresPerUsername: { points: 5, duration: 60 },
	codeFailures: { points: 3, duration: 60 },
	guestsPerIp: { points: 2, duration: 1 }
};

let postgres: TestPostgres;
const pools: pg.Pool[] = [];

/** A "process": its own pool on the database and its own limits, moved to the shared store. */
async function processOn(url: string): Promise<RateLimits> {
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	// An idle connection closed by the stopping server is no failure; a query's own errors still reject.
	pool.on('error', () => {});
	pools.push(pool);
	const limits = new RateLimits(tight);
	await limits.useStore(pool);
	return limits;
}

beforeAll(async () => {
	postgres = await startPostgres(POSTGRES_PORT);
}, 30_000);

afterAll(async () => {
	await Promise.all(pools.map((pool) => pool.end()));
	await postgres?.stop();
});

describe('rate limits shared through PostgreSQL', () => {
	let first: RateLimits;
	let second: RateLimits;

	beforeAll(async () => {
		// Both at once, as app servers starting together would: the table is created once.
		[first, second] = await Promise.all([processOn(postgres.url), processOn(postgres.url)]);
	});

	it('counts failures from both processes as one: five spread over both block the sixth on either', async () => {
		for (const limits of [first, second, first, second, first]) {
			expect(await limits.consume('loginFailuresPerUsername', 'ana')).toBeNull();
		}
		expect(await first.blocked('loginFailuresPerUsername', 'ana')).toMatch(/try again in 1 minute/);
		expect(await second.blocked('loginFailuresPerUsername', 'ana')).toMatch(/try again in 1 minute/);
		expect(await second.consume('loginFailuresPerUsername', 'ana')).toMatch(/try again in 1 minute/);
		expect(await first.consume('loginFailuresPerUsername', 'ana')).toMatch(/try again in 1 minute/);
		// Other keys and other limits are not affected.
		expect(await first.blocked('loginFailuresPerUsername', 'ben')).toBeNull();
		expect(await second.blocked('codeFailures', 'ana')).toBeNull();
	});

	it('reads without consuming: blocked() as often as you like uses no attempt', async () => {
		for (let i = 0; i < 10; i++) expect(await first.blocked('codeFailures', 'reader')).toBeNull();
		expect(await second.consume('codeFailures', 'reader')).toBeNull();
		for (let i = 0; i < 10; i++) expect(await second.blocked('codeFailures', 'reader')).toBeNull();
		expect(await first.consume('codeFailures', 'reader')).toBeNull();
		expect(await first.consume('codeFailures', 'reader')).toBeNull();
		expect(await second.blocked('codeFailures', 'reader')).not.toBeNull();
	});

	it('resets in one process for both (a successful sign-in clears the failures everywhere)', async () => {
		for (const limits of [first, second, first, second, first]) await limits.consume('loginFailuresPerUsername', 'cleo');
		expect(await second.blocked('loginFailuresPerUsername', 'cleo')).not.toBeNull();
		await second.reset('loginFailuresPerUsername', 'cleo');
		expect(await first.blocked('loginFailuresPerUsername', 'cleo')).toBeNull();
		expect(await second.blocked('loginFailuresPerUsername', 'cleo')).toBeNull();
		expect(await first.consume('loginFailuresPerUsername', 'cleo')).toBeNull();
	});

	it('refunds in one process for both (a right code gives its try back)', async () => {
		await first.consume('codeFailures', '10.0.0.1');
		await second.consume('codeFailures', '10.0.0.1');
		await first.consume('codeFailures', '10.0.0.1');
		expect(await second.blocked('codeFailures', '10.0.0.1')).not.toBeNull();
		await second.refund('codeFailures', '10.0.0.1');
		expect(await first.blocked('codeFailures', '10.0.0.1')).toBeNull();
		expect(await first.consume('codeFailures', '10.0.0.1')).toBeNull();
		expect(await second.consume('codeFailures', '10.0.0.1')).toMatch(/try again/);
	});

	it('opens again for both when the window has passed', async () => {
		await first.consume('guestsPerIp', '10.0.0.2');
		await second.consume('guestsPerIp', '10.0.0.2');
		expect(await first.consume('guestsPerIp', '10.0.0.2')).not.toBeNull();
		await new Promise((r) => setTimeout(r, 1100));
		expect(await second.blocked('guestsPerIp', '10.0.0.2')).toBeNull();
		expect(await second.consume('guestsPerIp', '10.0.0.2')).toBeNull();
	});

	it('limits a key of any length (long ones are stored as their hash, within the key column)', async () => {
		const long = 'x'.repeat(5_000);
		for (const limits of [first, second, first, second, first]) {
			expect(await limits.consume('loginFailuresPerUsername', long)).toBeNull();
		}
		expect(await second.consume('loginFailuresPerUsername', long)).toMatch(/try again/);
		// A different long key is counted on its own.
		expect(await first.blocked('loginFailuresPerUsername', `${long}y`)).toBeNull();
	});

	it('keeps the counts in the one table, one row per limit and key', async () => {
		const { rows } = await pools[0].query(`select key, points from ${RATE_LIMIT_TABLE} where key like 'loginFailuresPerUsername:%' order by key`);
		expect(rows.map((r) => r.key)).toContain('loginFailuresPerUsername:ana');
		expect(rows.find((r) => r.key === 'loginFailuresPerUsername:ana')!.points).toBe(7);
		for (const row of rows) expect(row.key.length).toBeLessThanOrEqual(255);
	});
});

describe('while the database fails (the insurance limit in memory)', () => {
	it('still limits, in each process on its own, instead of refusing or allowing everything', async () => {
		const limits = await processOn(await postgres.createDatabase('hiccup'));
		expect(await limits.consume('codeFailures', 'dan')).toBeNull();
		// The database now fails every query the limits send (as if it were unreachable).
		await pools.at(-1)!.query(`drop table ${RATE_LIMIT_TABLE}`);
		expect(await limits.consume('codeFailures', 'dan')).toBeNull();
		expect(await limits.consume('codeFailures', 'dan')).toBeNull();
		expect(await limits.consume('codeFailures', 'dan')).toBeNull();
		expect(await limits.consume('codeFailures', 'dan')).toMatch(/try again/);
		expect(await limits.blocked('codeFailures', 'dan')).toMatch(/try again/);
		await limits.reset('codeFailures', 'dan');
		expect(await limits.blocked('codeFailures', 'dan')).toBeNull();
	});
});
