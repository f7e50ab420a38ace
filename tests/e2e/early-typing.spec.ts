// What a learner enters in the first moment after a page appears, before its script has taken
// over (hydration), must still be there afterwards and be what is sent. On a slow phone that
// moment can last seconds. The page's scripts are held back here until the answer is entered.
import { expect, test } from '@playwright/test';
import { enter, fill } from '../support/answer';
import { holdScripts } from '../support/hold-scripts';
import { questionById } from '../support/questions';

const LESSON_02 = { dir: '02-claims-and-framing', url: '/lessons/claims-and-framing' };

for (const id of ['l02-spot-the-claim', 'l02-sort-phrases', 'l02-loaded-words-defapress', 'l02-neutral-rewrites']) {
	const question = questionById(LESSON_02.dir, id);
	test(`${question.type}: an answer entered before the page's script ran is kept and sent`, async ({ page }) => {
		const release = await holdScripts(page);
		await page.goto(LESSON_02.url, { waitUntil: 'domcontentloaded' });
		const section = page.locator(`section#${id}`);
		// The page as it is without its script: a highlight question is checkboxes then.
		await enter(page, question, true, false);
		release();
		if (question.type === 'highlight') await expect(section.locator('button.unit').first()).toBeVisible();
		await page.waitForLoadState('networkidle');
		// Sent by the script (no page load): the answer the page holds once its script runs.
		const posted = page.waitForRequest((request) => request.method() === 'POST' && request.url().includes('?/answer'));
		await section.getByRole('button', { name: 'Check my answer' }).click();
		expect((await posted).headers()['x-sveltekit-action']).toBe('true');
		await expect(page.locator(`#${id}-feedback`).getByRole('heading', { level: 4 }).first()).toHaveText('Your answer: all right');
	});
}

test('respond: text typed before the page’s script ran is kept, counted and sent', async ({ page }) => {
	const question = questionById('01-who-is-speaking', 'l01-lateral-defapress');
	const release = await holdScripts(page);
	await page.goto('/lessons/who-is-speaking', { waitUntil: 'domcontentloaded' });
	const section = page.locator(`section#${question.id}`);
	await enter(page, question, true, false);
	const field = question.fields!.find((f) => f.kind !== 'address')!;
	const box = section.getByLabel(field.label, { exact: true });
	const typed = await box.inputValue();
	expect(typed.length).toBeGreaterThan(0);
	release();
	// The count appears once the script runs, and counts what was typed before it.
	await expect(section.locator(`#${question.id}-${field.id}-count`)).toHaveText(new RegExp(`^${typed.length} of ${field.maxLength} characters`));
	await expect(box).toHaveValue(typed);
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator(`#${question.id}-feedback`)).toContainText(typed.slice(0, 40));
});

test('respond: self-check ticks made before the page’s script ran are kept and saved', async ({ page }) => {
	const question = questionById('01-who-is-speaking', 'l01-lateral-defapress');
	await page.goto('/lessons/who-is-speaking');
	await page.waitForLoadState('networkidle');
	await fill(page, question, true, true);
	const section = page.locator(`section#${question.id}`);
	const statement = section.getByLabel(question.selfCheck![0].text, { exact: true });
	await expect(statement).not.toBeChecked();

	// The page again, its scripts held back while the learner ticks.
	const release = await holdScripts(page);
	await page.reload({ waitUntil: 'domcontentloaded' });
	await statement.check();
	release();
	await page.waitForLoadState('networkidle');
	await expect(statement).toBeChecked();
	await section.getByRole('button', { name: 'Save my self-check' }).click();
	await expect(section.getByRole('status')).toHaveText('Self-check saved.');
	await page.unrouteAll();
	await page.reload();
	await expect(statement).toBeChecked();
});

test('respond: what is being written again, and ticks not saved yet, stay when another answer is saved', async ({ page }) => {
	const written = questionById('01-who-is-speaking', 'l01-lateral-defapress');
	const other = questionById('01-who-is-speaking', 'l01-dateline-who-published');
	await page.goto('/lessons/who-is-speaking');
	await page.waitForLoadState('networkidle');
	const section = page.locator(`section#${written.id}`);
	await fill(page, written, true, true);
	// A tick not saved yet, on the answer just sent.
	const statement = section.getByLabel(written.selfCheck![0].text, { exact: true });
	await statement.check();
	// Another question answered meanwhile: the page's data comes anew.
	await fill(page, other, true, true);
	await expect(page.locator(`#${other.id}-feedback`)).toBeVisible();
	await expect(statement).toBeChecked();
	// Written again, and another answer saved before this one is sent.
	await section.getByRole('link', { name: 'Write it again' }).click();
	const field = written.fields!.find((f) => f.kind !== 'address')!;
	const box = section.getByLabel(field.label, { exact: true });
	await box.fill('A second try, not sent yet.');
	await page.locator(`#${other.id}-feedback`).getByRole('link', { name: 'Try again' }).click();
	await fill(page, other, false, true);
	await expect(page.locator(`#${other.id}-feedback`)).toBeVisible();
	await expect(box).toHaveValue('A second try, not sent yet.');
	await expect(section.locator(`#${written.id}-${field.id}-count`)).toHaveText(new RegExp(`^${'A second try, not sent yet.'.length} of`));
});
