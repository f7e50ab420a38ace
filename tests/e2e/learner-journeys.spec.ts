// A student's and a self-study learner's journeys through the course as a class period uses it:
// joining from a link (signed out, as a guest with answers, with an account, as an instructor),
// knowing where you are in a lesson and in the course, and feedback in words a 16-year-old reads.
// With and without JavaScript wherever the page behaves differently.
import { expect, test, type Page } from '@playwright/test';
import { fill } from '../support/answer';
import { makeClass, makeStudent, membersOf, type TestClass } from '../support/classes';
import { lessonQuestions, questionById } from '../support/questions';
import { unitSpans, unitsOfPhrase } from '../../src/lib/quiz/types/highlight/units';

const PASSWORD = 'purple kettles argue at dawn';
const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;
const LESSON_DIR = '02-claims-and-framing';
const LESSON_URL = '/lessons/claims-and-framing';

async function fillSignUp(page: Page, displayName: string) {
	await page.getByLabel('Username').fill(unique('pupil'));
	await page.getByLabel('Display name').fill(displayName);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
}

async function fillSignIn(page: Page, username: string, password: string) {
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Answers the lesson's first question (wrongly), as a guest would on their own. */
async function answerFirstQuestion(page: Page, javaScript: boolean) {
	const question = lessonQuestions(LESSON_DIR)[0];
	await page.goto(LESSON_URL);
	await fill(page, question, false, javaScript);
	await expect(page.locator(`#${question.id}-feedback`)).toBeVisible();
}

async function expectJoined(page: Page, klass: TestClass) {
	await expect(page).toHaveURL(new RegExp(`/join\\?code=${klass.code}$`));
	await expect(page.getByRole('status')).toContainText(`You joined ${klass.name} with ${klass.teacher.displayName}`);
	expect(await membersOf(klass.id)).toHaveLength(1);
}

for (const javaScript of [true, false]) {
	test.describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled: javaScript });

		test('a join link opened signed out: the class and teacher named, create an account, in the class, start with lesson 0', async ({ page }) => {
			const klass = await makeClass({ name: 'Period 3 Media', teacher: 'Ms Rivera' });
			await page.goto(`/join?code=${klass.code}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join Period 3 Media');
			await expect(page.getByText('Ms Rivera invited you to their class')).toBeVisible();
			// Even the header's links keep the code, so no way to an account loses it.
			const site = page.getByRole('navigation', { name: 'Site' });
			await expect(site.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/login?join=${klass.code}`);
			await expect(site.getByRole('link', { name: 'Create account' })).toHaveAttribute('href', `/signup?join=${klass.code}`);
			await page.getByRole('link', { name: 'Create an account' }).click();
			await expect(page).toHaveURL(new RegExp(`/signup\\?join=${klass.code}$`));
			await expect(page.locator('.joining')).toContainText('To join Period 3 Media, Ms Rivera’s class');
			await fillSignUp(page, 'Pat Pupil');
			await expectJoined(page, klass);
			await page.getByRole('link', { name: 'Start with lesson 0: Check yourself: before you start' }).click();
			await expect(page).toHaveURL(/\/lessons\/check-yourself-before$/);
			await page.goto('/progress');
			await expect(page.getByRole('region', { name: 'My classes' })).toContainText('Period 3 Media');
		});

		test('the same join link through "Sign in" with an account made earlier', async ({ page }) => {
			const klass = await makeClass({ name: 'Period 5 Media', teacher: 'Mr Osei' });
			const student = await makeStudent('Robin Reader');
			await page.goto(`/join?code=${klass.code}`);
			await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
			await expect(page).toHaveURL(new RegExp(`/login\\?join=${klass.code}$`));
			await expect(page.locator('.joining')).toContainText('To join Period 5 Media, Mr Osei’s class');
			await fillSignIn(page, student.username, student.password);
			await expectJoined(page, klass);
			expect(await membersOf(klass.id)).toEqual([student.id]);
			await expect(page.getByRole('link', { name: /^Start with lesson 0/ })).toBeVisible();
		});

		test('a guest with answers joins by creating an account, keeps the answers, and continues', async ({ page }) => {
			const klass = await makeClass();
			await answerFirstQuestion(page, javaScript);
			await page.goto(`/join?code=${klass.code}`);
			await expect(page.getByText('The answer you gave in this browser comes with you.')).toBeVisible();
			await page.getByRole('link', { name: 'Create an account' }).click();
			await fillSignUp(page, 'Guest Turned Student');
			await expectJoined(page, klass);
			await expect(page.getByRole('link', { name: 'Continue: lesson 2, Claims and framing' })).toBeVisible();
			await page.goto('/progress');
			await expect(page.locator('li.card', { hasText: 'Claims and framing' })).toContainText('1 of 11 questions answered');
		});

		test('a guest with answers joins by signing in: the answers move into the account', async ({ page }) => {
			const klass = await makeClass();
			const student = await makeStudent();
			await answerFirstQuestion(page, javaScript);
			await page.goto(`/join?code=${klass.code}`);
			await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
			await fillSignIn(page, student.username, student.password);
			await expectJoined(page, klass);
			await expect(page.getByRole('link', { name: 'Continue: lesson 2, Claims and framing' })).toBeVisible();
			await page.goto('/progress');
			await expect(page.locator('li.card', { hasText: 'Claims and framing' })).toContainText('1 of 11 questions answered');
		});

		test('an instructor lands on their classes, and a student join link tells them it is for students', async ({ page }) => {
			const klass = await makeClass({ name: 'Period 6 Media', teacher: 'Ms Ngata' });
			const colleague = await makeClass();
			await page.goto('/login');
			await fillSignIn(page, colleague.teacher.username, colleague.teacher.password);
			await expect(page).toHaveURL(/\/teach$/);
			await page.goto(`/join?code=${klass.code}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is for students');
			await expect(page.getByRole('status')).toContainText('Period 6 Media, Ms Ngata’s class');
			await expect(page.getByRole('status')).toContainText('instructors do not join classes');
			await expect(page.getByRole('button', { name: /Join/ })).toHaveCount(0);
			expect(await membersOf(klass.id)).toEqual([]);
			// Their own class's link says so instead.
			await page.goto(`/join?code=${colleague.code}`);
			await expect(page.getByRole('status')).toContainText('This is the join link of your own class');
		});

		test('a wrong code and a closed class are said plainly, with the code field to try again', async ({ page }) => {
			await page.goto('/join?code=wrong-234');
			await expect(page.getByRole('alert')).toHaveText(/^No open class has the code WRONG234\. Check it with your teacher/);
			await expect(page.getByLabel('Join code')).toHaveValue('WRONG234');
			const closed = await makeClass({ name: 'Last year’s class', teacher: 'Mr Aydin', closed: true });
			await page.getByLabel('Join code').fill(closed.code);
			await page.getByRole('button', { name: 'Join' }).click();
			await expect(page.getByRole('alert')).toContainText('Last year’s class (Mr Aydin’s class) has closed');
		});

		test('a returning learner sees "Continue" on the course page, and each lesson’s status', async ({ page }) => {
			await page.goto('/');
			await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
			await answerFirstQuestion(page, javaScript);
			await page.goto('/');
			await expect(page.getByRole('link', { name: 'Start the course' })).toHaveCount(0);
			await expect(page.locator('li.card', { hasText: 'Claims and framing' }).locator('.status')).toHaveText('In progress');
			await expect(page.locator('li.card', { hasText: 'Who is speaking?' }).locator('.status')).toHaveText('Not started');
			await page.getByRole('link', { name: 'Continue: lesson 2, Claims and framing' }).click();
			await expect(page).toHaveURL(new RegExp(`${LESSON_URL}#${lessonQuestions(LESSON_DIR)[1].id}$`));
		});

		test('"Question 4 of 11", and the lesson’s progress bar jumps to a section', async ({ page }) => {
			await page.setViewportSize({ width: 375, height: 740 });
			await page.goto(LESSON_URL);
			await expect(page.locator('section#l02-neutral-rewrites h3')).toContainText('Question 4 of 11');
			await expect(page.locator('section#l02-spot-the-claim h3')).toContainText('Practice Question 1 of 11');
			const bar = page.locator('.lesson-bar');
			await expect(bar).toContainText('0 of 11 answered');
			await bar.getByText('Sections').click();
			await bar.getByRole('link', { name: 'Not everything is framing' }).click();
			await expect(page).toHaveURL(/#not-everything-is-framing$/);
			await expect(page.getByRole('heading', { level: 2, name: 'Not everything is framing' })).toBeInViewport();
			// Far down the lesson, the bar is still at the top of the phone's screen.
			expect((await bar.boundingBox())!.y).toBe(0);
		});

		test('"Back to the lesson" from a quote leads back to the quote', async ({ page }) => {
			await page.goto('/lessons/who-is-speaking');
			await page.locator('figure.quote', { hasText: 'TEHRAN (Defapress)' }).getByRole('link').click();
			await expect(page).toHaveURL(/\/sources\/defapress-2026\?/);
			await page.getByRole('link', { name: '← Back to the lesson: Who is speaking?' }).click();
			await expect(page).toHaveURL(/\/lessons\/who-is-speaking#quote-defapress-2026-0-81$/);
			await expect(page.locator('#quote-defapress-2026-0-81')).toBeInViewport();
			// A lesson that is not there (or does not use this source) gives no link.
			await page.goto('/sources/defapress-2026?lesson=no-such-lesson');
			await expect(page.getByRole('link', { name: /Back to the lesson/ })).toHaveCount(0);
			await page.goto('/sources/gae-2023?lesson=who-is-speaking');
			await expect(page.getByRole('link', { name: '← Back to the lesson: Who is speaking?' })).toHaveAttribute('href', '/lessons/who-is-speaking');
		});

		test('feedback in words: loaded phrases found and neutral words picked, no F1 for learners', async ({ page }) => {
			const question = questionById(LESSON_DIR, 'l02-loaded-words-defapress');
			const spans = unitSpans(question.passage!.text, 'word');
			const units = (phrase: string) => {
				const found = unitsOfPhrase(question.passage!.text, spans, phrase);
				if (!found.ok) throw new Error(found.message);
				return found.units;
			};
			await page.goto(LESSON_URL);
			const section = page.locator(`section#${question.id}`);
			for (const unit of [...units('illegal kidnapping'), units('interim President')[0]]) {
				await (javaScript ? section.locator(`button[data-unit="${unit}"]`) : section.locator('label.unit', { has: page.locator(`input[value="${unit}"]`) })).click();
			}
			await section.getByRole('button', { name: 'Check my answer' }).click();
			const feedback = page.locator(`#${question.id}-feedback`);
			await expect(feedback.getByRole('heading', { level: 4 }).first()).toHaveText('You found 1 of the 2 loaded phrases and picked 1 neutral word');
			await expect(feedback).toContainText('Try again, or see the answer.');
			await feedback.getByText('See the answer', { exact: true }).click();
			await expect(feedback.locator('.unit.miss').first()).toBeVisible();
			await expect(feedback).not.toContainText('Precision');
			await expect(feedback).not.toContainText('F1');
		});

		test('a wrong single answer: the right option is badged "Right answer", never "Missed"', async ({ page }) => {
			const question = questionById(LESSON_DIR, 'l02-spot-the-claim');
			await page.goto(LESSON_URL);
			await fill(page, question, false, javaScript);
			const feedback = page.locator(`#${question.id}-feedback`);
			await expect(feedback.getByRole('heading', { level: 4 }).first()).toHaveText('That is not the right answer');
			await feedback.getByText('See the answer', { exact: true }).click();
			const right = question.options!.find((o) => o.correct)!;
			await expect(feedback.locator('.review-item', { hasText: right.text })).toContainText('Right answer');
			await expect(feedback).not.toContainText('Missed');
		});

		test('"You scored 2 of 6; try again or see the answer", and trying again hides the old feedback', async ({ page }) => {
			const question = questionById(LESSON_DIR, 'l02-sort-phrases');
			await page.goto(LESSON_URL);
			const section = page.locator(`section#${question.id}`);
			for (const [i, item] of question.items!.entries()) {
				const label = i < 2 ? item.label : question.labels!.find((l) => l.id !== item.label)!.id;
				await section.locator(`input[name="item-${item.id}"][value="${label}"]`).check();
			}
			await section.getByRole('button', { name: 'Check my answer' }).click();
			const feedback = page.locator(`#${question.id}-feedback`);
			await expect(feedback.getByRole('heading', { level: 4 }).first()).toHaveText('You scored 2 of 6');
			await expect(feedback).toContainText('Try again, or see the answer.');
			await expect(feedback.locator('.review-list')).toBeHidden();
			await feedback.getByRole('link', { name: 'Try again' }).click();
			await expect(feedback).toHaveCount(0);
			await expect(section.getByRole('button', { name: 'Check my answer' })).toBeVisible();
		});

		test('a partly labelled classify answer marks the excerpts that still need a label, and keeps the others', async ({ page }) => {
			const question = questionById(LESSON_DIR, 'l02-sort-phrases');
			await page.goto(LESSON_URL);
			const section = page.locator(`section#${question.id}`);
			const [first, second, ...rest] = question.items!;
			for (const item of [first, second]) await section.locator(`input[name="item-${item.id}"][value="${item.label}"]`).check();
			await section.getByRole('button', { name: 'Check my answer' }).click();
			await expect(section.getByRole('alert')).toHaveText(/4 still need a label/);
			for (const item of [first, second]) await expect(section.locator(`input[name="item-${item.id}"][value="${item.label}"]`)).toBeChecked();
			await expect(section.locator('fieldset.missing')).toHaveCount(4);
			for (const item of rest) {
				await expect(section.locator('fieldset', { has: page.locator(`input[name="item-${item.id}"]`) })).toContainText('needs a label');
			}
		});

		test('a check says "Check", and at its end the result is in view, not at the top of the page', async ({ page }) => {
			test.setTimeout(90_000);
			await page.goto('/lessons/check-yourself-before');
			const first = page.locator('section.question').first();
			await expect(first.locator('h3 .kind')).toHaveText('Check');
			await expect(page.locator('section.question .kind', { hasText: 'Practice' })).toHaveCount(0);
			const questions = lessonQuestions('00-check-yourself-before');
			const placed = await page.locator('section.question').evaluateAll((nodes) => nodes.map((n) => n.id));
			for (const id of placed) await fill(page, questions.find((q) => q.id === id)!, true, javaScript);
			const result = page.locator('#check-result');
			await expect(result).toContainText('Check done: you scored 100%');
			await expect(result).toBeInViewport();
		});
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('after an answer, refreshing the page does not send it again (Post/Redirect/Get)', async ({ page }) => {
		const question = questionById(LESSON_DIR, 'l02-spot-the-claim');
		await page.goto(LESSON_URL);
		await fill(page, question, true, false);
		await expect(page).toHaveURL(new RegExp(`${LESSON_URL}#${question.id}$`));
		const feedback = page.locator(`#${question.id}-feedback`);
		await expect(feedback.getByRole('heading', { level: 4 }).first()).toHaveText('Your answer: all right');
		const methods: string[] = [];
		page.on('request', (request) => {
			if (request.isNavigationRequest()) methods.push(request.method());
		});
		await page.reload();
		expect(methods).toEqual(['GET']);
		await expect(feedback.getByRole('heading', { level: 4 }).first()).toHaveText('Your answer: all right');
		await expect(page.locator('.lesson-bar')).toContainText('1 of 11 answered');
	});

	test('a refused answer keeps what was chosen (no redirect)', async ({ page }) => {
		const question = questionById(LESSON_DIR, 'l02-neutral-rewrites');
		await page.goto(LESSON_URL);
		const section = page.locator(`section#${question.id}`);
		const item = question.left![0];
		await section.locator(`input[name="pair-${item.id}"][value="${item.match}"]`).check();
		await section.getByRole('button', { name: 'Check my answer' }).click();
		await expect(section.getByRole('alert')).toBeVisible();
		await expect(section.locator(`input[name="pair-${item.id}"][value="${item.match}"]`)).toBeChecked();
		await expect(section.locator('fieldset.missing')).toHaveCount(question.left!.length - 1);
	});
});

test('an instructor trying a highlight question also sees precision, recall and F1', async ({ page }) => {
	const klass = await makeClass();
	await page.goto('/login');
	await fillSignIn(page, klass.teacher.username, klass.teacher.password);
	await expect(page).toHaveURL(/\/teach$/);
	const question = questionById(LESSON_DIR, 'l02-loaded-words-defapress');
	await page.goto(LESSON_URL);
	await fill(page, question, false, true);
	const feedback = page.locator(`#${question.id}-feedback`);
	await feedback.getByText('See the answer', { exact: true }).click();
	await expect(feedback).toContainText(/Precision \d+% .* Recall \d+% .* F1 \d+%/);
});
