import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './tests/support/chromium';

// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** Emptied before the server starts; tests may open it to check what the app stored. */
export const E2E_DATABASE = 'tests/.tmp/e2e.db';

// Playwright's own Chromium when installed, else @sparticuz/chromium's (tests/support/chromium.ts).
const executablePath = await chromiumExecutable();

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: true,
	retries: 0,
	workers: 2,
	reporter: process.env.CI ? 'line' : 'list',
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: { executablePath }
	},
	projects: [
		// The demo class (npm run demo), written once into the test database before any spec runs.
		{ name: 'demo data', testMatch: /demo-data\.setup\.ts/ },
		{ name: 'chromium', dependencies: ['demo data'], use: { ...devices['Desktop Chrome'], launchOptions: { executablePath } } }
	],
	webServer: {
		// The built app, as `npm start` serves it, on a fresh database file of its own.
		command: 'node tests/e2e/serve-fresh-db.js',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_URL: E2E_DATABASE
		}
	}
});
