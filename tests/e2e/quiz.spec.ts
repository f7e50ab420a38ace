import { expect, test, type Locator, type Page } from '@playwright/test';
import { fill } from '../support/answer';
import { questionById, targetUnits } from '../support/questions';

const LESSON_DIR = '02-claims-and-framing';
const LESSON_URL = '/lessons/claims-and-framing';

function feedbackOf(page: Page, id: string): Locator {
	return page.locator(`#${id}-feedback`);
}

async function answeredCount(page: Page): Promise<number> {
	return Number(await page.locator('#progress-lesson-top').getAttribute('value'));
}

/** Opens the lesson, waits for its script, and answers the question right; returns the question. */
async function answeredWithScript(page: Page, id: string) {
	const question = questionById(LESSON_DIR, id);
	await page.goto(LESSON_URL);
	await page.waitForLoadState('networkidle');
	await fill(page, question, true, true);
	await expect(feedbackOf(page, question.id)).toBeVisible();
	return question;
}

const QUESTIONS = ['l02-spot-the-claim', 'l02-sort-phrases', 'l02-loaded-words-defapress', 'l02-neutral-rewrites'];

for (const javaScript of [true, false]) {
	test.describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled: javaScript });

		for (const id of QUESTIONS) {
			const question = questionById(LESSON_DIR, id);
			test(`${question.type}: answer wrong, see why, try again, answer right`, async ({ page }) => {
				await page.goto(LESSON_URL);
				const before = await answeredCount(page);

				await fill(page, question, false, javaScript);
				const feedback = feedbackOf(page, id);
				await expect(feedback).toBeVisible();
				await expect(feedback.getByRole('heading', { level: 4 }).first()).not.toHaveText('Your answer: all right');
				if (javaScript) await expect(feedback).toBeFocused();
				// The answer waits behind "See the answer", so "Try again" still means something.
				const explanation = feedback.getByText(question.explanation.slice(0, 40));
				await expect(explanation).toBeHidden();
				await feedback.getByText('See the answer', { exact: true }).click();
				await expect(explanation).toBeVisible();
				if (!javaScript) await expect(page).toHaveURL(new RegExp(`#${id}$`));
				expect(await answeredCount(page)).toBe(before + 1);

				await feedback.getByRole('link', { name: 'Try again' }).click();
				await fill(page, question, true, javaScript);
				await expect(feedbackOf(page, id).getByRole('heading', { level: 4 }).first()).toHaveText(
					'Your answer: all right'
				);
				// Still one question answered: progress counts the latest attempt per question.
				expect(await answeredCount(page)).toBe(before + 1);
				await expect(page.locator('#progress-lesson-top')).toHaveAttribute('value', String(before + 1));
			});
		}

		test('checking without answering explains what is missing and keeps the page', async ({ page }) => {
			await page.goto(LESSON_URL);
			const section = page.locator('section#l02-sort-phrases');
			await section.getByRole('button', { name: 'Check my answer' }).click();
			await expect(section.getByRole('alert')).toHaveText(/Label every excerpt before checking \(6 still need a label\)/);
			await expect(page.locator('#l02-sort-phrases-feedback')).toHaveCount(0);
		});
	});
}

test('the highlight question can be answered with the keyboard alone', async ({ page }) => {
	const question = questionById(LESSON_DIR, 'l02-loaded-words-defapress');
	const wanted = targetUnits(question);
	await page.goto(LESSON_URL);
	const section = page.locator(`section#${question.id}`);
	const first = section.locator('button[data-unit="0"]');
	await first.focus();
	let at = 0;
	for (const unit of wanted) {
		while (at < unit) {
			await page.keyboard.press('ArrowRight');
			at += 1;
		}
		await expect(section.locator(`button[data-unit="${unit}"]`)).toBeFocused();
		await page.keyboard.press(unit % 2 === 0 ? 'Space' : 'Enter');
		await expect(section.locator(`button[data-unit="${unit}"]`)).toHaveAttribute('aria-pressed', 'true');
	}
	// Tab leaves the passage for the check button.
	const check = section.getByRole('button', { name: 'Check my answer' });
	for (let i = 0; i < 200 && !(await check.evaluate((el) => el === document.activeElement)); i++) {
		await page.keyboard.press('Tab');
	}
	await expect(check).toBeFocused();
	await page.keyboard.press('Enter');
	const feedback = feedbackOf(page, question.id);
	await expect(feedback.getByRole('heading', { level: 4 }).first()).toHaveText('Your answer: all right');
	await expect(feedback).toContainText('found');
	// Precision, recall and F1 are for instructors; a learner reads the answer in words.
	await expect(feedback).not.toContainText('Precision');
});

test('after an answer the page reloads only the learner’s answers, not the lesson', async ({ page }) => {
	const question = questionById(LESSON_DIR, 'l02-spot-the-claim');
	const other = questionById(LESSON_DIR, 'l02-sort-phrases');
	await page.goto(LESSON_URL);
	// Before the page's script has taken over, the form would post without it (no reload to see).
	await page.waitForLoadState('networkidle');
	const reload = page.waitForResponse((response) => response.url().includes('/__data.json'));
	await fill(page, question, true, true);
	const response = await reload;
	// One flag per load (root layout, lesson layout, page): the lesson's own load did not run again.
	expect(new URL(response.url()).searchParams.get('x-sveltekit-invalidated')).toBe('101');
	// The same request again (the browser's own body is gone once the address gets its #anchor).
	const body = await (await page.request.get(response.url())).text();
	// The new answer is in it; the lesson's other questions (unanswered, and unchanged) are not.
	expect(body).toContain(`"${question.id}"`);
	expect(body).not.toContain(`"${other.id}"`);
	await expect(feedbackOf(page, question.id).getByRole('heading', { level: 4 }).first()).toHaveText('Your answer: all right');
	// The rest of the lesson is still on the page, and still answerable.
	await expect(page.locator(`section#${other.id}`).getByRole('button', { name: 'Check my answer' })).toBeVisible();
	expect(await answeredCount(page)).toBe(1);
});

test('“Try again” followed before the page’s script ran still shows the feedback of the new answer', async ({ page }) => {
	const question = await answeredWithScript(page, 'l02-spot-the-claim');
	// The link's address, as a page load gives it when the script had not taken over yet.
	await page.goto(`${LESSON_URL}?retry=${question.id}#${question.id}`);
	await page.waitForLoadState('networkidle');
	await fill(page, question, false, true);
	await expect(feedbackOf(page, question.id).getByRole('heading', { level: 4 }).first()).toHaveText('That is not the right answer');
	await expect(feedbackOf(page, question.id)).toBeFocused();
});

test('Back to a lesson answered after it was loaded shows the answer, not the page as it was', async ({ page }) => {
	// Loaded without a session: the page as every new visitor gets it.
	const question = await answeredWithScript(page, 'l02-spot-the-claim');
	await page.goto('/glossary');
	await page.goBack();
	await expect(feedbackOf(page, question.id).getByRole('heading', { level: 4 }).first()).toHaveText('Your answer: all right');
	expect(await answeredCount(page)).toBe(1);
});

test('a guest finds their progress again after a reload and on /progress', async ({ page }) => {
	const question = questionById(LESSON_DIR, 'l02-spot-the-claim');
	await page.goto(LESSON_URL);
	await fill(page, question, true, true);
	await expect(feedbackOf(page, question.id)).toBeVisible();
	await page.reload();
	await expect(feedbackOf(page, question.id).getByRole('heading', { level: 4 }).first()).toHaveText(
		'Your answer: all right'
	);
	await page.goto('/progress');
	const card = page.locator('li.card', { hasText: 'Claims and framing' });
	await expect(card).toContainText('1 of');
	await page.goto('/');
	await expect(page.locator('li.card', { hasText: 'Claims and framing' }).locator('progress')).toHaveAttribute('value', '1');
});

test('a guest can start over, after confirming', async ({ page }) => {
	await page.goto(LESSON_URL);
	await fill(page, questionById(LESSON_DIR, 'l02-spot-the-claim'), true, true);
	await expect(feedbackOf(page, 'l02-spot-the-claim')).toBeVisible();
	await page.goto('/progress');
	await page.getByText('Delete all my answers…').click();
	await page.getByRole('button', { name: 'Delete my answers' }).click();
	await expect(page.getByRole('alert')).toHaveText(/Tick the box/);
	await page.getByLabel('Yes, delete all my answers').check();
	await page.getByRole('button', { name: 'Delete my answers' }).click();
	await expect(page.getByRole('status')).toContainText('Your answers were deleted');
	await expect(page.getByText('You have not answered any questions yet.')).toBeVisible();
});

test('page views alone set no cookie', async ({ page, context }) => {
	await page.goto('/');
	await page.goto(LESSON_URL);
	await page.goto('/progress');
	expect(await context.cookies()).toEqual([]);
});
