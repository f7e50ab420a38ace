// The database the browser tests' server uses, for specs and setup that write or read it
// directly: the SQLite file of playwright.config.ts, or the PostgreSQL database of
// playwright.postgres.config.ts (which sets DATABASE_URL for the test processes too).
import { E2E_DATABASE } from '../../playwright.config';
import { DIALECT } from '../../src/lib/server/db/dialect';
import { openDatabase, type AppDatabase } from '../../src/lib/server/db/open';
import { openPostgres } from '../../src/lib/server/db/open-postgres';

export async function openE2eDatabase(): Promise<AppDatabase> {
	return DIALECT === 'postgres' ? openPostgres(process.env.DATABASE_URL!) : openDatabase(E2E_DATABASE);
}
