import { chromium, defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

const PORT = 4173;
/** Emptied before the server starts; tests may open it to check what the app stored. */
export const E2E_DATABASE = 'tests/.tmp/e2e.db';

/**
 * Playwright's own Chromium when it is installed; otherwise the binary shipped inside the
 * @sparticuz/chromium npm package, so `npm ci && npm test` needs no browser download.
 * We launch it with Playwright's default arguments, not that package's `args`.
 */
async function chromiumExecutable(): Promise<string | undefined> {
	try {
		if (existsSync(chromium.executablePath())) return undefined;
	} catch {
		// Playwright does not know its browser here: fall through to the npm-shipped one.
	}
	const { default: sparticuz } = await import('@sparticuz/chromium');
	return sparticuz.executablePath();
}

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
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath } } }],
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
