import type { Page } from '@playwright/test';

/**
 * Holds back every script of the app until the returned function is called, so a test can act
 * on a page as the server sent it, before hydration (as on a slow phone), and then let it run.
 */
export async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}
