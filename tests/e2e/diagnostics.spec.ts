import { expect, test, type Page } from '@playwright/test';
import { fill, selfCheckAll } from '../support/answer';
import { lessonQuestions } from '../support/questions';

/** Answers every question of a lesson, in page order; `right` decides each one. */
async function takeLesson(page: Page, dir: string, right: (index: number) => boolean, onAnswered?: (index: number) => Promise<void>) {
	const questions = lessonQuestions(dir);
	const placed = await page.locator('section.question').evaluateAll((nodes) => nodes.map((n) => n.id));
	expect([...placed].sort()).toEqual(questions.map((q) => q.id).sort());
	for (const [index, id] of placed.entries()) {
		const question = questions.find((q) => q.id === id)!;
		await fill(page, question, right(index), true);
		await expect(page.locator(`#${id}-feedback`)).toBeVisible();
		await onAnswered?.(index);
	}
	return placed;
}

test('both diagnostics end to end: no feedback until the end, then before, after and the gain on /progress', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/lessons/check-yourself-before');
	await expect(page.getByRole('heading', { name: 'How this check works' })).toBeVisible();
	const before = lessonQuestions('00-check-yourself-before');
	const ids = await takeLesson(page, '00-check-yourself-before', (i) => i % 2 === 0, async (index) => {
		if (index < before.length - 1) {
			// Still answering: only "saved", never a verdict or an explanation.
			const id = (await page.locator('section.question').nth(index).getAttribute('id'))!;
			await expect(page.locator(`#${id}-feedback`)).toContainText('Answer saved.');
			await expect(page.locator('.verdict')).toHaveCount(0);
		}
	});
	// The last answer releases every explanation at once.
	await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
	for (const id of ids) await expect(page.locator(`#${id}-feedback .explanation`)).toBeVisible();
	const startText = await page.locator('.diagnostic strong').textContent();

	await page.goto('/lessons/check-yourself-after');
	await takeLesson(page, '10-check-yourself-after', () => true);
	await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
	await expect(page.locator('.diagnostic strong')).toHaveText('100%');

	await page.goto('/progress');
	const panel = page.getByRole('region', { name: 'Before and after' });
	const values = panel.locator('dd');
	await expect(values.nth(0)).toHaveText(startText!);
	await expect(values.nth(1)).toHaveText('100%');
	await expect(values.nth(2)).toHaveText(/^\+\d+ points \(you closed 100% of the gap to a perfect score\)$/);
});

test('one full lesson end to end: every question right, progress at 100%', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/lessons/who-is-speaking');
	const questions = await takeLesson(page, '01-who-is-speaking', () => true);
	const authored = lessonQuestions('01-who-is-speaking');
	for (const id of questions) {
		const question = authored.find((q) => q.id === id)!;
		if (question.type === 'respond') {
			// A written answer has no "all right": the learner's own self-check scores it until a teacher does.
			await expect(page.locator(`#${id}-feedback h4`).first()).toHaveText(/^Your answer is saved/);
			await selfCheckAll(page, question);
		} else {
			await expect(page.locator(`#${id}-feedback h4`).first()).toHaveText('Your answer: all right');
		}
	}
	await expect(page.locator('#progress-lesson-end')).toHaveAttribute('value', String(questions.length));
	await expect(page.locator('.lesson-end')).toContainText('Score 100%');
	await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /Next:/ }).click();
	await expect(page).toHaveURL(/\/lessons\/claims-and-framing$/);
});
