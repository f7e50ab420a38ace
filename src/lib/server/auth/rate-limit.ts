// Rate limits for sign-in, sign-up, join codes, new guests and answers, with rate-limiter-flexible (in memory: one
// app process; a deployment with several processes would use its Redis or SQL store instead).
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

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

export class RateLimits {
	private readonly limiters: Record<LimitName, RateLimiterMemory>;

	constructor(limits: Record<LimitName, Limit> = DEFAULT_LIMITS) {
		this.limiters = Object.fromEntries(
			Object.entries(limits).map(([name, limit]) => [name, new RateLimiterMemory({ ...limit, keyPrefix: name })])
		) as Record<LimitName, RateLimiterMemory>;
	}

	/** A message if the key has used up its attempts, without using one. */
	async blocked(name: LimitName, key: string): Promise<string | null> {
		const state = await this.limiters[name].get(key);
		const limit = this.limiters[name].points;
		return state && state.consumedPoints >= limit ? retryMessage(state.msBeforeNext) : null;
	}

	/** Uses one attempt; a message if that was one too many. */
	async consume(name: LimitName, key: string): Promise<string | null> {
		try {
			await this.limiters[name].consume(key);
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
		await this.limiters[name].reward(key, 1);
	}

	/** Forgets a key (after a successful sign-in, its failures no longer count). */
	async reset(name: LimitName, key: string): Promise<void> {
		await this.limiters[name].delete(key);
	}
}

/** The app's limits, shared by every request in this process. */
export const rateLimits = new RateLimits();
