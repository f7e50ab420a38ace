import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const path of ['/', '/lessons/who-is-speaking', '/sources/defapress-2026', '/sources/gae-2023']) {
	test(`axe finds no WCAG 2.2 AA violations on ${path}`, async ({ page }) => {
		await page.goto(path);
		// Open collapsed parts so that their contents are checked too.
		for (const details of await page.locator('details').all()) await details.evaluate((d) => d.setAttribute('open', ''));
		const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
	});
}

test('pages declare their language', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
