/**
 * Which database this process talks to, from DATABASE_URL: PostgreSQL for a postgres:// or
 * postgresql:// URL (several app servers on one database), otherwise an embedded SQLite file
 * (the default, nothing to install). One process talks to one database, so this is decided once.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(url = process.env.DATABASE_URL): Dialect {
	return /^postgres(ql)?:\/\//i.test(url?.trim() ?? '') ? 'postgres' : 'sqlite';
}

export const DIALECT: Dialect = dialectOf();
