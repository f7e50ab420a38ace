// Written answers end to end: a student writes a neutral rewrite and a lateral-reading log, gets
// the instant checks and the model answer and ticks the self-check; the teacher reviews both
// from the review queue; the student sees the score and comment in the lesson and on /progress.
// Once with JavaScript and once without; axe and the screen check on the new pages.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fill } from '../support/answer';
import { makeClass, makeStudent, type TestClass } from '../support/classes';
import { holdScripts } from '../support/hold-scripts';
import { questionById } from '../support/questions';
import { checkScreen, SCREEN_WIDTHS } from '../support/screen-check';
import { signIn } from '../support/sign-in';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const REWRITE = questionById('06-loaded-words', 'l06-rewrite-neutral');
const LATERAL = questionById('01-who-is-speaking', 'l01-lateral-defapress');
// Kept loaded word ("growing"), a fact dropped (Bolivia), and markup that must stay text.
const FIRST_REWRITE = 'The US request is about Iran’s growing presence in Latin America. <b>bold</b> https://example.org';

async function axe(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function joinedStudent(browser: Browser, klass: TestClass, javaScriptEnabled: boolean, name: string) {
	const student = await makeStudent(name);
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await signIn(page, student.username, student.password);
	await page.goto(`/join?code=${klass.code}`);
	await page.getByRole('button', { name: `Join ${klass.name}` }).click();
	await expect(page.getByRole('status')).toContainText(`You joined ${klass.name}`);
	return { page, context, student };
}

async function writeRewrite(page: Page, javaScript = true) {
	await page.goto(`/lessons/loaded-words#${REWRITE.id}`);
	// Typing before the page's script has taken over can be reset by it: wait for it first.
	await page.waitForLoadState('networkidle');
	// Nothing of the key is in the page before the answer: model answer, rubric, self-check, accepted terms.
	const before = await page.content();
	for (const secret of [REWRITE.modelAnswers![0].trim().slice(0, 40), REWRITE.rubric![2].descriptor.slice(0, 40), REWRITE.selfCheck![0].text.slice(0, 40)]) {
		expect(before.includes(secret), secret).toBe(false);
	}
	for (const key of ['modelAnswers', 'selfCheck', 'rubric', 'requiredTerms', 'accept', 'excerptLoadedPhrases']) expect(before.includes(`${key}:`), key).toBe(false);
	const section = page.locator(`section#${REWRITE.id}`);
	await section.getByLabel('Your neutral rewrite').fill(FIRST_REWRITE);
	// The count follows the typing with JavaScript; without it the limit alone is said.
	await expect(section.getByText(javaScript ? `${FIRST_REWRITE.length} of 600 characters` : 'Up to 600 characters')).toBeVisible();
	await expect(section.getByLabel('Your neutral rewrite')).toHaveAttribute('maxlength', '600');
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(section.getByRole('heading', { name: 'Your answer is saved: 2 quick checks to look at' })).toBeVisible();
	await expect(section).toContainText('“growing” is still in your text');
	await expect(section).toContainText('The loaded phrase “diplomatic scare tactic” is gone.');
	await expect(section).toContainText('Your text does not mention Bolivia');
	// What was typed shows as text: no bold element, no link made from the address.
	await expect(section.locator('dd').getByText(FIRST_REWRITE)).toBeVisible();
	await expect(section.locator('dd b')).toHaveCount(0);
	await expect(section.locator('dd a')).toHaveCount(0);
	await expect(section.getByText(REWRITE.modelAnswers![0].trim().slice(0, 50))).toBeVisible();
	await expect(section).toContainText('Tick the self-check to give this answer a score of your own.');
	// The self-check: three of five statements.
	for (const statement of REWRITE.selfCheck!.slice(0, 3)) await section.getByLabel(statement.text).check();
	await section.getByRole('button', { name: 'Save my self-check' }).click();
	await expect(section).toContainText('Your score here is your own self-check (3 of 5 ticked) until a teacher reviews it.');
	for (const statement of REWRITE.selfCheck!.slice(0, 3)) await expect(section.getByLabel(statement.text)).toBeChecked();
	return section;
}

async function writeLateralLog(page: Page) {
	await page.goto(`/lessons/who-is-speaking#${LATERAL.id}`);
	// Typing before the page's script has taken over can be reset by it: wait for it first.
	await page.waitForLoadState('networkidle');
	const section = page.locator(`section#${LATERAL.id}`);
	await expect(section).toContainText('Who runs Defapress, and how do sources other than Defapress describe it?');
	await section.getByLabel('What you searched for').fill('Defapress news agency who runs');
	await section.getByLabel('The address of a page, not on Defapress, that answered').fill('www.defapress.ir/en/about');
	await section.getByLabel('What that page says about Defapress').fill('It says it is a news agency.');
	await section.getByLabel('How far you trust that page, and why').fill('Not far: it is their own page.');
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(section).toContainText('That page (www.defapress.ir) is on the site you are checking.');
	// Written again: every box still holds what was typed; only the address changes.
	await section.getByRole('link', { name: 'Write it again' }).click();
	await expect(section.getByLabel('What that page says about Defapress')).toHaveValue('It says it is a news agency.');
	await section.getByLabel('The address of a page, not on Defapress, that answered').fill('en.wikipedia.org/wiki/Defapress');
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(section).toContainText('You left the site you are checking and found a page on en.wikipedia.org.');
	await expect(section).toContainText(LATERAL.modelAnswers![0].trim().slice(0, 40));
}

async function review(page: Page, klass: TestClass, studentName: string) {
	await page.goto(`/teach/classes/${klass.id}`);
	await page.getByRole('link', { name: 'Written answers to review (2 waiting)' }).click();
	await expect(page).toHaveURL(new RegExp(`/teach/classes/${klass.id}/reviews$`));
	const answer = page.locator('#current-answer');
	// Oldest first: the rewrite, with the passage, the student's text as text, and the model answer.
	await expect(answer.getByRole('heading', { level: 2 })).toContainText(studentName);
	await expect(answer).toContainText(REWRITE.prompt.trim().slice(0, 40));
	await expect(answer.locator('blockquote')).toContainText('The diplomatic scare tactic reflects');
	await expect(answer.locator('dd').getByText(FIRST_REWRITE)).toBeVisible();
	await expect(answer.locator('dd b')).toHaveCount(0);
	await expect(answer).toContainText(REWRITE.modelAnswers![0].trim().slice(0, 40));
	// Refused without a level, keeping the comment.
	await answer.getByLabel('Comment for the student (optional)').fill('Say whose claim the base is.');
	await answer.getByRole('button', { name: 'Save and next' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose a level of the rubric before saving.');
	await expect(answer.getByLabel('Comment for the student (optional)')).toHaveValue('Say whose claim the base is.');
	await answer.getByRole('radio', { name: /^1 · Nearly/ }).check();
	await answer.getByRole('button', { name: 'Save and next' }).click();
	await expect(page.getByRole('status')).toContainText(`Saved your review of ${studentName}’s answer.`);
	// Next: the lateral-reading log.
	await expect(answer).toContainText('en.wikipedia.org/wiki/Defapress');
	await answer.getByRole('radio', { name: /^2 · Done well/ }).check();
	await answer.getByRole('button', { name: 'Save and next' }).click();
	await expect(page.getByText('No written answers are waiting for review.')).toBeVisible();
	await page.goto(`/teach/classes/${klass.id}`);
	await expect(page.getByRole('link', { name: 'Written answers to review (0 waiting)' })).toBeVisible();
}

async function seesReview(page: Page) {
	await page.goto(`/lessons/loaded-words#${REWRITE.id}`);
	const section = page.locator(`section#${REWRITE.id}`);
	await expect(section.getByRole('heading', { name: 'Your teacher’s review' })).toBeVisible();
	await expect(section).toContainText('1 of 2: Nearly.');
	await expect(section).toContainText('Say whose claim the base is.');
	await expect(section).toContainText('Your score here is your teacher’s: 50%.');
	await page.goto('/progress');
	const written = page.getByRole('region', { name: 'Your written answers' });
	await expect(written).toContainText('Teacher’s score: 1 of 2 (Nearly)');
	await expect(written).toContainText('Say whose claim the base is.');
	await expect(written).toContainText('Teacher’s score: 2 of 2 (Done well)');
}

for (const javaScriptEnabled of [true, false]) {
	test(`a student writes, self-checks and sees the teacher's review (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
		// Two people, two lessons, the review queue and /progress: a long journey.
		test.setTimeout(90_000);
		const klass = await makeClass({ teacher: 'Mr Adeyemi' });
		const name = javaScriptEnabled ? 'Rosa Writer' : 'Ravi Plaintext';
		const { page, context } = await joinedStudent(browser, klass, javaScriptEnabled, name);
		await writeRewrite(page, javaScriptEnabled);
		await writeLateralLog(page);

		const teacherContext = await browser.newContext({ javaScriptEnabled });
		const teacher = await teacherContext.newPage();
		await signIn(teacher, klass.teacher.username, klass.teacher.password);
		await review(teacher, klass, name);
		await seesReview(page);
		await context.close();
		await teacherContext.close();
	});
}

test('a self-study learner gets the self-check, and no class sees their text', async ({ browser }) => {
	const klass = await makeClass();
	await joinedStudent(browser, klass, true, 'Classmate Cy');
	const context = await browser.newContext();
	const page = await context.newPage();
	await writeRewrite(page);
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	await signIn(teacher, klass.teacher.username, klass.teacher.password);
	await teacher.goto(`/teach/classes/${klass.id}/reviews?status=all`);
	await expect(teacher.getByText('No written answers match this filter.')).toBeVisible();
	await context.close();
	await teacherContext.close();
});

test('the review page and a lesson with written answers: axe clean, and fit phone and laptop screens', async ({ browser }) => {
	// Three pages, each checked by axe and at two widths.
	test.setTimeout(120_000);
	const klass = await makeClass();
	const { page, context } = await joinedStudent(browser, klass, true, 'Screen Sol');
	await page.goto(`/lessons/loaded-words#${REWRITE.id}`);
	await axe(page);
	const found: string[] = [];
	for (const [width, px] of Object.entries(SCREEN_WIDTHS)) {
		await page.setViewportSize({ width: px, height: 900 });
		await page.locator(`section#${REWRITE.id}`).scrollIntoViewIfNeeded();
		found.push(...(await checkScreen(page, `respond-input-${width}`)).map((p) => `lesson input at ${px}px: ${p.kind}: ${p.detail}`));
		// The whole lesson is long: the question alone, to read by eye.
		await page.locator(`section#${REWRITE.id}`).screenshot({ path: `test-results/screens/respond-input-${width}-question.png` });
	}
	await writeRewrite(page);
	await axe(page);
	await writeLateralLog(page);
	await axe(page);
	await page.goto('/progress');
	await expect(page.getByRole('region', { name: 'Your written answers' })).toContainText('Your self-check: 60%. Not reviewed by a teacher yet.');
	await axe(page);
	await page.goto(`/lessons/who-is-speaking#${LATERAL.id}`);
	for (const [width, px] of Object.entries(SCREEN_WIDTHS)) {
		await page.setViewportSize({ width: px, height: 900 });
		found.push(...(await checkScreen(page, `respond-review-${width}`)).map((p) => `lesson review at ${px}px: ${p.kind}: ${p.detail}`));
		await page.locator(`section#${LATERAL.id}`).screenshot({ path: `test-results/screens/respond-review-${width}-question.png` });
	}

	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	await signIn(teacher, klass.teacher.username, klass.teacher.password);
	await teacher.goto(`/teach/classes/${klass.id}/reviews`);
	await axe(teacher);
	for (const [width, px] of Object.entries(SCREEN_WIDTHS)) {
		await teacher.setViewportSize({ width: px, height: 900 });
		found.push(...(await checkScreen(teacher, `teacher-reviews-${width}`)).map((p) => `review page at ${px}px: ${p.kind}: ${p.detail}`));
	}
	expect(found).toEqual([]);
	await context.close();
	await teacherContext.close();
});

test('a level and comment a teacher gives before the review page’s script ran are kept and saved', async ({ browser }) => {
	const klass = await makeClass();
	const name = 'Early Reviewed';
	const { page, context } = await joinedStudent(browser, klass, true, name);
	await page.goto(`/lessons/who-is-speaking#${LATERAL.id}`);
	await page.waitForLoadState('networkidle');
	await fill(page, LATERAL, true, true);
	const section = page.locator(`section#${LATERAL.id}`);
	await expect(section).toContainText(LATERAL.modelAnswers![0].trim().slice(0, 40));

	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	await signIn(teacher, klass.teacher.username, klass.teacher.password);
	const release = await holdScripts(teacher);
	await teacher.goto(`/teach/classes/${klass.id}/reviews`, { waitUntil: 'domcontentloaded' });
	const answer = teacher.locator('#current-answer');
	const comment = answer.getByLabel('Comment for the student (optional)');
	await answer.getByRole('radio', { name: /^2 · Done well/ }).check();
	await comment.fill('You left the site: good.');
	release();
	await teacher.waitForLoadState('networkidle');
	await expect(answer.getByRole('radio', { name: /^2 · Done well/ })).toBeChecked();
	await expect(comment).toHaveValue('You left the site: good.');
	await answer.getByRole('button', { name: 'Save and next' }).click();
	await expect(teacher.getByRole('status')).toContainText(`Saved your review of ${name}’s answer.`);

	await page.reload();
	await expect(section).toContainText('2 of 2: Done well.');
	await expect(section).toContainText('You left the site: good.');
	await context.close();
	await teacherContext.close();
});
