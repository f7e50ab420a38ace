import type { AppDatabase } from './open';

/**
 * Connects to PostgreSQL at `url` and applies pending migrations from drizzle/postgres (one
 * process at a time, under an advisory lock, so several app servers can start together).
 */
export async function openPostgres(url: string): Promise<AppDatabase> {
	throw new Error(`PostgreSQL is not supported yet (${url.replace(/\/\/[^@]*@/, '//')}).`);
}
