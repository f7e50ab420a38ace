import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { makeClass, makeStudent } from '../support/classes';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const path of ['/', '/lessons/who-is-speaking', '/sources/defapress-2026', '/sources/gae-2023', '/glossary', '/progress', '/sources/defapress-2026?layers=on']) {
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

test('axe finds no violations on a lesson with answered and unanswered questions', async ({ page }) => {
	await page.goto('/lessons/claims-and-framing');
	const section = page.locator('section#l02-spot-the-claim');
	await section.getByRole('radio').first().check();
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator('#l02-spot-the-claim-feedback')).toBeVisible();
	// A highlight question answered too, so its review (hits, misses, wrong picks) is checked.
	const highlight = page.locator('section#l02-loaded-words-defapress');
	await highlight.locator('button[data-unit="0"]').click();
	await highlight.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator('#l02-loaded-words-defapress-feedback')).toBeVisible();
	// And one refused answer, so the error message is checked.
	await page.locator('section#l02-sort-phrases').getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator('section#l02-sort-phrases').getByRole('alert')).toBeVisible();

	const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});

test('axe finds no violations on /progress with answers', async ({ page }) => {
	await page.goto('/lessons/claims-and-framing');
	const section = page.locator('section#l02-spot-the-claim');
	await section.getByRole('radio').first().check();
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator('#l02-spot-the-claim-feedback')).toBeVisible();
	await page.goto('/progress');
	await page.locator('details').evaluate((d) => d.setAttribute('open', ''));
	const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});

test('axe finds no violations on a join link (as a visitor, a student, once joined) and the pages it leads to', async ({ page }) => {
	const klass = await makeClass();
	const student = await makeStudent();
	const check = async (label: string) => {
		const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
		expect(results.violations.map((v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
	};
	await page.goto(`/join?code=${klass.code}`);
	await check('invite');
	await page.goto('/join?code=WRONG234');
	await check('wrong code');
	await page.goto(`/signup?join=${klass.code}`);
	await check('sign-up');
	await page.goto(`/login?join=${klass.code}`);
	await check('sign-in');
	await page.getByLabel('Username').fill(student.username);
	await page.getByLabel('Password').fill(student.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('status')).toContainText('You joined');
	await check('joined');
});

test('axe finds no violations with the lesson bar’s sections open and an answer’s review open', async ({ page }) => {
	await page.goto('/lessons/claims-and-framing');
	await page.locator('.lesson-bar summary').click();
	const section = page.locator('section#l02-spot-the-claim');
	await section.getByRole('radio').first().check();
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator('#l02-spot-the-claim-feedback')).toBeVisible();
	for (const details of await page.locator('details').all()) await details.evaluate((d) => d.setAttribute('open', ''));
	const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
