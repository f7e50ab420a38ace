import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { signIn } from '../support/sign-in';

// The demo class comes from demo-data.setup.ts (npm run demo's data), written before the specs run.

const signInAsDemoTeacher = (page: Page) => signIn(page, 'demo_teacher', 'demo teacher password');

test('the instructor explores the demo class: matrix, sorting, items, a student, CSV', async ({ page }) => {
	test.setTimeout(90_000);
	await signInAsDemoTeacher(page);
	await page.goto('/teach');
	await page.getByRole('link', { name: 'Demo class: Period 2' }).click();

	const matrix = page.locator('table.matrix');
	await expect(matrix.locator('tbody tr')).toHaveCount(30);
	await expect(matrix.locator('tfoot')).toContainText('Class average');
	// Both figures, named as what they are, and each lesson by its title.
	await expect(matrix.locator('thead th').nth(1)).toHaveText('Score on what was done');
	await expect(matrix.locator('thead th').nth(2)).toHaveText('Course completed');
	await expect(matrix.locator('thead th', { hasText: 'Claims and framing' })).toHaveCount(1);
	// Discernment, both sides: neutral parts flagged and framed parts missed, each "part of met (percent)",
	// then any pattern worth a conversation.
	const checks = page.locator('table.checks');
	await expect(checks.locator('tbody tr')).toHaveCount(30);
	await expect(checks.locator('thead th').nth(-3)).toHaveText('Over-flagged');
	await expect(checks.locator('thead th').nth(-2)).toHaveText('Missed');
	await expect(checks.locator('thead th').last()).toHaveText('Worth a conversation');
	const firstRow = checks.locator('tbody tr').first().locator('td');
	await expect(firstRow.nth(-3)).toHaveText(/^(\d+ of \d+ \(\d+%\)|—)$/);
	await expect(firstRow.nth(-2)).toHaveText(/^(\d+ of \d+ \(\d+%\)|—)$/);
	// The demo class's made-up learners include some who over-flag or miss framing.
	await expect(checks.locator('tbody')).toContainText(/Calls plain claims framing|Takes framing as plain fact/);

	// Charts of the score distribution and the gain, each a table of its figures with a bar per band.
	const scoresChart = page.locator('figure.band-chart', { hasText: 'Score on what was done' });
	await expect(scoresChart.locator('.bar').first()).toBeAttached();
	await expect(scoresChart.locator('tbody .bar').filter({ visible: true }).first()).toBeVisible();
	await expect(scoresChart.locator('tfoot .count')).toHaveText('30');
	await expect(page.locator('figure.band-chart', { hasText: 'normalised gain' }).locator('table')).toContainText('High ≥0.7');

	// Sorting by score puts the best score on what was done first.
	await page.getByRole('link', { name: 'Score on what was done', exact: true }).click();
	await expect(page).toHaveURL(/sort=score/);
	const scores = await matrix.locator('tbody td.done-score').evaluateAll((cells) => cells.map((c) => Number(c.textContent?.replace('%', '') ?? 0)));
	expect(scores).toHaveLength(30);
	expect(scores).toEqual([...scores].sort((a, b) => b - a));

	// Searching narrows the list.
	const firstName = (await matrix.locator('tbody tr th a').first().textContent())!;
	await page.getByLabel('Find a student').fill(firstName.split(' ')[0]);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(matrix.locator('tbody tr').first()).toContainText(firstName.split(' ')[0]);

	// CSV export: one row per student, parsable.
	await page.goto(page.url().split('?')[0]);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download progress (CSV)' }).click()]);
	const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
	const rows: string[][] = parse(csv);
	expect(rows[0][0]).toBe('student');
	expect(rows).toHaveLength(31);

	// Item analysis: hardest first (by facility, under each question's Statistics), with per-type detail.
	await page.getByRole('link', { name: /Item analysis/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Item analysis' })).toBeVisible();
	const facilities = await page.locator('#judged-heading + ol.items > li').evaluateAll((items) =>
		items.map((item) => item.querySelector('dt strong')?.textContent ?? '')
	);
	const numbers = facilities.filter((f) => f !== '—').map(Number);
	expect(numbers.length).toBeGreaterThan(10);
	expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

	// Each question opens on what students chose: option counts for choice, words for highlight.
	const itemsUrl = page.url();
	const typeOf = async (row: number) => (await page.locator('ol.items > li').nth(row).locator('.type').textContent())!;
	const openFirst = async (type: string) => {
		await page.goto(itemsUrl);
		const rows = page.locator('ol.items > li');
		for (let i = 0; i < (await rows.count()); i++) {
			if ((await typeOf(i)) === type) {
				const prompt = (await rows.nth(i).locator('h3 a').textContent())!;
				await rows.nth(i).locator('h3 a').click();
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(prompt);
				return;
			}
		}
		throw new Error(`no ${type} question in the item analysis`);
	};
	await openFirst('choice');
	await expect(page.locator('table.detail caption', { hasText: 'How many chose each option' })).toBeVisible();
	await expect(page.locator('table.detail tbody tr').first()).toContainText(/\d+ \(\d+%\)/);
	await openFirst('highlight');
	await expect(page.locator('table.detail caption', { hasText: 'Most wrongly picked' })).toBeVisible();

	// One student's attempts over time.
	await page.goto(page.url().replace(/\/items.*$/, ''));
	const studentName = (await matrix.locator('tbody tr th a').first().textContent())!;
	await matrix.locator('tbody tr th a').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(studentName);
	await expect(page.locator('ol.attempts li').first()).toContainText('Score:');
});

test('axe finds no violations on the dashboard pages', async ({ page }) => {
	test.setTimeout(90_000);
	await signInAsDemoTeacher(page);
	await page.goto('/teach');
	await page.getByRole('link', { name: 'Demo class: Period 2' }).click();
	await expect(page).toHaveURL(/\/teach\/classes\/[^/]+$/);
	const classPath = new URL(page.url()).pathname;
	const studentPath = await page.locator('table.matrix tbody tr th a').first().getAttribute('href');
	await page.goto(`${classPath}/items`);
	const itemPath = await page.locator('ol.items > li h3 a').first().getAttribute('href');
	for (const path of [classPath, `${classPath}/items`, itemPath!, studentPath!]) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
		expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
	}
});
