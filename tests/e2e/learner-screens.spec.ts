// The learner's pages looked at as a person would, on a phone (375 px) and a laptop (1280 px):
// no sideways scrolling, no tap target under 24 × 24 px, no text under 12 px. Each check also
// saves a full-page screenshot under test-results/screens/ (and the lesson's questions one by
// one), to be read by eye.
import { expect, test, type Page } from '@playwright/test';
import { fill } from '../support/answer';
import { makeClass } from '../support/classes';
import { lessonQuestions } from '../support/questions';
import { checkScreen, SCREEN_WIDTHS } from '../support/screen-check';

const LESSON_DIR = '02-claims-and-framing';
const LESSON_URL = '/lessons/claims-and-framing';

async function expectNoProblems(page: Page, name: string) {
	expect(await checkScreen(page, name)).toEqual([]);
}

/** Answers every question of the lesson wrongly, so each shows its feedback. */
async function answerLessonWrongly(page: Page) {
	await page.goto(LESSON_URL);
	for (const question of lessonQuestions(LESSON_DIR)) {
		await fill(page, question, false, true);
		await expect(page.locator(`#${question.id}-feedback`)).toBeVisible();
	}
}

/** Each question on its own, easier to read than the whole lesson in one long picture. */
async function screenshotQuestions(page: Page, prefix: string) {
	for (const question of lessonQuestions(LESSON_DIR)) {
		await page.locator(`section#${question.id}`).screenshot({ path: `test-results/screens/${prefix}-${question.type}-${question.id}.png` });
	}
}

for (const [device, width] of Object.entries(SCREEN_WIDTHS)) {
	test.describe(`${device} (${width} px)`, () => {
		test.use({ viewport: { width, height: device === 'phone' ? 812 : 800 } });
		const shot = (name: string) => `${name}-${width}`;

		test('the course page, for a new visitor and for a returning learner', async ({ page }) => {
			await page.goto('/');
			await expectNoProblems(page, shot('home'));
			if (device === 'phone') {
				// The header leaves the screen to the page: no more than a tenth of a phone's height.
				const header = await page.locator('header.site-header').boundingBox();
				expect(header!.height).toBeLessThanOrEqual(812 * 0.1);
			}

			await page.goto(LESSON_URL);
			await fill(page, lessonQuestions(LESSON_DIR)[0], true, true);
			await expect(page.locator(`#${lessonQuestions(LESSON_DIR)[0].id}-feedback`)).toBeVisible();
			await page.goto('/');
			await expectNoProblems(page, shot('home-returning'));
		});

		test('a lesson with every question type, before and after answering', async ({ page }) => {
			test.setTimeout(90_000);
			await page.goto(LESSON_URL);
			await screenshotQuestions(page, shot('question'));
			await expectNoProblems(page, shot('lesson'));

			await answerLessonWrongly(page);
			// Every review opened, so the checks see the answers too.
			for (const summary of await page.locator('.question details > summary').all()) await summary.click();
			await screenshotQuestions(page, shot('review'));
			await expectNoProblems(page, shot('lesson-answered'));
		});

		test('a diagnostic check', async ({ page }) => {
			await page.goto('/lessons/check-yourself-before');
			await expectNoProblems(page, shot('diagnostic'));
		});

		test('my progress, with answers', async ({ page }) => {
			await page.goto(LESSON_URL);
			await fill(page, lessonQuestions(LESSON_DIR)[0], false, true);
			await expect(page.locator(`#${lessonQuestions(LESSON_DIR)[0].id}-feedback`)).toBeVisible();
			await page.goto('/progress');
			await expectNoProblems(page, shot('progress'));
		});

		test('a source page, opened from a quote', async ({ page }) => {
			await page.goto('/lessons/who-is-speaking');
			await page.locator('figure.quote', { hasText: 'TEHRAN (Defapress)' }).getByRole('link').click();
			await expect(page).toHaveURL(/\/sources\/defapress-2026/);
			await expectNoProblems(page, shot('source'));
			await page.goto('/sources/gae-2023?layers=on');
			await expectNoProblems(page, shot('source-layers'));
		});

		test('joining a class, signing in and creating an account', async ({ page }) => {
			const klass = await makeClass({ name: 'Period 4 Media Studies', teacher: 'Mr Castellanos-Whitfield' });
			await page.goto(`/join?code=${klass.code}`);
			await expectNoProblems(page, shot('join'));
			await page.goto('/login');
			await expectNoProblems(page, shot('login'));
			await page.goto('/signup');
			await expectNoProblems(page, shot('signup'));
			await page.goto(`/signup?join=${klass.code}`);
			await expectNoProblems(page, shot('signup-join'));
		});
	});
}
