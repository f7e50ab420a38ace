// The teacher's pages as a person sees them, at a phone's width and a laptop's: no sideways
// scrolling outside the tables that say they scroll, no tap target under 24 px, no text under
// 12 px. Each check saves a full-page screenshot under test-results/screens/ to be read by eye.
import { expect, test, type Page } from '@playwright/test';
import { checkScreen, SCREEN_WIDTHS } from '../support/screen-check';
import { signIn } from '../support/sign-in';

/** The demo class's pages, and a class made now with nobody in it yet. */
async function teacherPaths(page: Page): Promise<Record<string, string>> {
	await page.goto('/teach');
	await page.getByRole('link', { name: 'Demo class: Period 2' }).click();
	await expect(page).toHaveURL(/\/teach\/classes\/[^/?]+$/);
	const demo = new URL(page.url()).pathname;
	const student = (await page.locator('.matrix tbody th a').first().getAttribute('href'))!;
	await page.goto(`${demo}/items`);
	const item = (await page.locator('.items li h3 a').first().getAttribute('href'))!;
	await page.goto('/teach');
	await page.getByLabel('Class name').fill(`Screens ${Date.now()}`);
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page).toHaveURL(/\/teach\/classes\/[^/?]+/);
	const empty = new URL(page.url()).pathname;
	return { teach: '/teach', class: demo, 'empty-class': empty, items: `${demo}/items`, item, student };
}

test('the teacher’s pages at phone and laptop widths: no sideways scrolling, small targets or small text', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo_teacher', 'demo teacher password');
	const paths = await teacherPaths(page);
	const found: string[] = [];
	for (const [width, px] of Object.entries(SCREEN_WIDTHS)) {
		await page.setViewportSize({ width: px, height: px === 375 ? 812 : 800 });
		for (const [name, path] of Object.entries(paths)) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			// The charts are drawn in the browser: wait for them where there are any.
			await page.waitForLoadState('networkidle');
			const problems = await checkScreen(page, `teacher-${name}-${width}`);
			found.push(...problems.map((p) => `${name} at ${px}px: ${p.kind}: ${p.detail}`));
		}
		// The class page with an action's result beside a student: a reset code, then a removal to confirm.
		await page.goto(paths.class);
		const first = (await page.locator('table.students tbody tr td.who').first().evaluate((td) => td.firstChild?.textContent ?? ''))!.trim();
		await page.getByRole('button', { name: `Make a password reset code for ${first}` }).click();
		await expect(page.locator('tr.result-row strong.code')).toBeVisible();
		await page.locator('tr.result-row').scrollIntoViewIfNeeded();
		found.push(...(await checkScreen(page, `teacher-class-reset-${width}`)).map((p) => `class with a reset code at ${px}px: ${p.kind}: ${p.detail}`));
		await page.getByRole('button', { name: `Remove ${first} from the class` }).click();
		await expect(page.getByRole('group', { name: `Remove ${first}?` })).toBeVisible();
		found.push(...(await checkScreen(page, `teacher-class-confirm-${width}`)).map((p) => `class asking to remove at ${px}px: ${p.kind}: ${p.detail}`));
	}
	expect(found).toEqual([]);
});
