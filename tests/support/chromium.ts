// Which Chromium the browser tests and the Lighthouse report drive.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Playwright's own Chromium when it is installed (returns undefined: Playwright finds it itself);
 * otherwise the binary shipped inside the @sparticuz/chromium npm package, so `npm ci && npm test`
 * needs no browser download. Callers launch it with their own default arguments, not that
 * package's `args`.
 */
export async function chromiumExecutable(): Promise<string | undefined> {
	try {
		if (existsSync(chromium.executablePath())) return undefined;
	} catch {
		// Playwright does not know its browser here: fall through to the npm-shipped one.
	}
	const { default: sparticuz } = await import('@sparticuz/chromium');
	return sparticuz.executablePath();
}

/** The same browser as a path, for tools that need one (Playwright's own when installed). */
export async function chromiumPath(): Promise<string> {
	return (await chromiumExecutable()) ?? chromium.executablePath();
}
