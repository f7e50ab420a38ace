// A teacher's class period, as a teacher lives it: create a class and hand out the code, watch
// students arrive, read the matrix (score on what was done beside how much was done, a card per
// student on a phone), read the item analysis in words, act on a student (reset code, remove with
// a confirmation and undo, with and without JavaScript), export, and open one student's page.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { lessonQuestions, questionById } from '../support/questions';
import { checkScreen } from '../support/screen-check';
import { signIn } from '../support/sign-in';

const PASSWORD = 'purple kettles argue at dawn';
const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
/** A form post from this site's pages (the app refuses cross-site posts). */
const FORM = { accept: 'text/html', origin: BASE };
const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;
const LESSON = '02-claims-and-framing';

/** A signed-up account in a context of its own (a browser with or without JavaScript). */
async function account(browser: Browser, role: 'student' | 'instructor', displayName: string, javaScriptEnabled = true) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	const username = unique(role === 'student' ? 'pupil' : 'teacher');
	const response = await page.request.post('/signup', {
		form: { username, displayName, password: PASSWORD, role },
		headers: FORM,
		maxRedirects: 0
	});
	expect(response.status(), `sign-up of ${username}`).toBe(303);
	return { context, page, username };
}

/** Creates a class through the form, as a teacher does; returns its address. */
async function createClass(page: Page, name: string): Promise<string> {
	await page.goto('/teach');
	await page.getByLabel('Class name').fill(name);
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	return new URL(page.url()).pathname;
}

async function joinCode(page: Page, classPath: string): Promise<string> {
	await page.goto(classPath);
	return (await page.locator('#join strong.code').textContent())!.trim();
}

/** A student who joins with the code and answers the given choice questions of lesson 2. */
async function studentWhoAnswers(browser: Browser, name: string, code: string, answers: [questionId: string, option: string][]) {
	const student = await account(browser, 'student', name);
	expect((await student.page.request.post('/join', { form: { code }, headers: FORM })).ok()).toBe(true);
	for (const [questionId, choice] of answers) {
		const answered = await student.page.request.post('/lessons/claims-and-framing?/answer', {
			form: { questionId, choice },
			headers: FORM
		});
		expect(answered.ok(), questionId).toBe(true);
	}
	return student;
}

/** How many questions lesson 02 has, read from its questions.yaml (the cells say "done/of"). */
const LESSON_QUESTIONS = lessonQuestions(LESSON).length;
const rightOption = (id: string) => questionById(LESSON, id).options!.find((o) => o.correct)!;
const wrongOption = (id: string) => questionById(LESSON, id).options!.find((o) => !o.correct)!;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
	for (const context of contexts.splice(0)) await context.close();
});

test('a new class leads with a confirmation and the join code, then an empty state instead of empty tables', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Ms Ortiz');
	contexts.push(teacher.context);
	await teacher.context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const { page } = teacher;
	const classPath = await createClass(page, 'Period 4 Media');

	await expect(page.getByText('Class created. Give your students the join code or the link below.')).toBeVisible();
	// The first thing under the title is how students join: the code, large, and the link.
	await expect(page.locator('h2').first()).toHaveText('How students join');
	const code = (await page.locator('#join strong.code').textContent())!.trim();
	expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
	await expect(page.getByLabel('Join link', { exact: true })).toHaveValue(new RegExp(`/join\\?code=${code}$`));
	await expect(page.getByLabel('Join link', { exact: true })).toHaveJSProperty('readOnly', true);
	// Copy says so, in a live region, and the clipboard holds the code.
	await page.getByRole('button', { name: 'Copy the join code' }).click();
	await expect(page.locator('#join [role="status"]', { hasText: 'Copied the join code.' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

	// Nobody has joined: an empty state that says what to do, not an empty table or empty charts.
	await expect(page.getByText(`No students yet: share the code ${code} or the link above.`)).toBeVisible();
	await expect(page.locator('table.matrix, table.students, figure.band-chart')).toHaveCount(0);

	// The confirmation is for the first view only.
	await page.reload();
	await expect(page.getByText('Class created.')).toHaveCount(0);
	await expect(page.locator('#join strong.code')).toHaveText(code);

	// Without JavaScript: no Copy buttons, and the link is a read-only field to select.
	const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await teacher.context.storageState() });
	contexts.push(plain);
	const noJs = await plain.newPage();
	await noJs.goto(classPath);
	await expect(noJs.getByRole('button', { name: /^Copy/ })).toHaveCount(0);
	await expect(noJs.getByLabel('Join link', { exact: true })).toHaveValue(new RegExp(`/join\\?code=${code}$`));
	await expect(noJs.getByLabel('Join link', { exact: true })).toHaveAttribute('readonly', '');
});

test('the matrix shows the score on what was done beside how much of the course was done; a phone gets a card per student', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Mr Abe');
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, unique('Scores'));
	const code = await joinCode(page, classPath);
	// One right, one wrong: 50% on what was done, 2 of the course's questions done.
	const student = await studentWhoAnswers(browser, 'Dana Done', code, [
		['l02-spot-the-claim', rightOption('l02-spot-the-claim').id],
		['l02-check-the-meeting', wrongOption('l02-check-the-meeting').id]
	]);
	contexts.push(student.context);

	await page.goto(classPath);
	const matrix = page.locator('table.matrix');
	await expect(matrix.locator('thead th').nth(1)).toHaveText('Score on what was done');
	await expect(matrix.locator('thead th').nth(2)).toHaveText('Course completed');
	const row = matrix.locator('tbody tr', { hasText: 'Dana Done' });
	await expect(row.locator('td.done-score')).toHaveText('50%');
	const completed = (await row.locator('td.completed').textContent())!;
	const total = Number(completed.match(/2\/(\d+)/)![1]);
	expect(total).toBeGreaterThan(50);
	expect(completed).toBe(`${Math.round(200 / total)}%, 2/${total}`);
	// The lesson's column is named by its title, and its cell shows the score on the questions done there.
	const lessonIndex = await matrix.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent?.includes('Claims and framing')));
	expect(lessonIndex).toBeGreaterThan(2);
	await expect(row.locator('td').nth(lessonIndex - 1)).toContainText('50%');
	await expect(row.locator('td').nth(lessonIndex - 1)).toContainText(`2/${LESSON_QUESTIONS}`);
	// The chart counts her at 50–59%, the band of what she did, not 0–9%.
	await expect(page.locator('figure.band-chart', { hasText: 'Score on what was done' }).locator('tr', { hasText: '50–59%' })).toContainText('1');

	// At 375 px: no wide table, a card per student with both figures; nothing scrolls sideways.
	await page.setViewportSize({ width: 375, height: 812 });
	await page.reload();
	await expect(matrix).toBeHidden();
	const card = page.locator('ol.student-cards li', { hasText: 'Dana Done' });
	await expect(card).toBeVisible();
	await expect(card).toContainText('Score on what was done50%');
	await expect(card).toContainText(`Course completed${Math.round(200 / total)}% · 2/${total}`);
	await card.getByText('Lessons').click();
	await expect(card.locator('ul.lessons')).toContainText('Claims and framing');
	expect(await checkScreen(page, 'journey-matrix-phone')).toEqual([]);
});

test('removing a student asks first, keeps their answers and can be undone', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Ms Lind');
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, unique('Removal'));
	const student = await studentWhoAnswers(browser, 'Remy Moved', await joinCode(page, classPath), [['l02-spot-the-claim', 'a']]);
	contexts.push(student.context);
	await page.goto(classPath);
	const roster = page.locator('table.students');
	const status = page.locator('p.visually-hidden[role="status"]');

	await page.getByRole('button', { name: 'Remove Remy Moved from the class' }).click();
	const confirm = page.getByRole('group', { name: 'Remove Remy Moved?' });
	await expect(confirm).toContainText('Their answers are kept, and you can undo this.');
	await expect(status).toHaveText('Remove Remy Moved? Confirm or cancel below their name.');
	await confirm.getByRole('link', { name: 'Cancel' }).click();
	await expect(confirm).toHaveCount(0);
	await expect(roster).toContainText('Remy Moved');

	await page.getByRole('button', { name: 'Remove Remy Moved from the class' }).click();
	await page.getByRole('button', { name: 'Yes, remove Remy Moved' }).click();
	await expect(page.locator('#students .notice')).toContainText('Student removed from the class: Remy Moved. Their answers are kept.');
	await expect(status).toHaveText('Student removed from the class: Remy Moved. Their answers are kept.');
	await expect(page.getByText('No students yet')).toHaveCount(2); // the heading and the sentence under it
	await page.getByRole('button', { name: 'Undo: put Remy Moved back' }).click();
	await expect(page.locator('#students .notice')).toHaveText('Remy Moved is back in the class, with all their answers.');
	await expect(status).toHaveText('Remy Moved is back in the class, with all their answers.');
	// Back with the answer given before the removal.
	await expect(page.locator('table.matrix tbody tr', { hasText: 'Remy Moved' }).locator('td.done-score')).toHaveText('100%');
});

test('without JavaScript, removing asks on a page of its own, and "Put back" undoes it', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Mr Noscript', false);
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, unique('No script'));
	const student = await studentWhoAnswers(browser, 'Nell Plain', await joinCode(page, classPath), [['l02-spot-the-claim', 'b']]);
	contexts.push(student.context);
	await page.goto(classPath);

	await page.getByRole('button', { name: 'Remove Nell Plain from the class' }).click();
	// The form post brings the page back at the student, asking.
	expect(new URL(page.url()).hash).toMatch(/^#student-/);
	await expect(page.getByRole('group', { name: 'Remove Nell Plain?' })).toBeVisible();
	await expect(page.locator('table.students')).toContainText('Nell Plain');
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(page.getByRole('group', { name: 'Remove Nell Plain?' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Remove Nell Plain from the class' }).click();
	await page.getByRole('button', { name: 'Yes, remove Nell Plain' }).click();
	await expect(page.locator('#students .notice')).toContainText('Student removed from the class: Nell Plain.');
	// Later (another visit), the removal can still be undone from the list of recent removals.
	await page.goto(classPath);
	const recent = page.locator('.removed li', { hasText: 'Nell Plain' });
	await expect(recent).toContainText('can be put back until');
	await recent.getByRole('button', { name: 'Put Nell Plain back in the class' }).click();
	await expect(page.locator('#students .notice')).toHaveText('Nell Plain is back in the class, with all their answers.');
	await expect(page.locator('table.matrix tbody tr', { hasText: 'Nell Plain' }).locator('td.done-score')).toHaveText('0%');
});

test('a reset code appears beside the student it was made for, with Copy and when it stops working', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Ms Reyes');
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, unique('Resets'));
	const code = await joinCode(page, classPath);
	for (const name of ['Ana First', 'Ben Second']) contexts.push((await studentWhoAnswers(browser, name, code, [])).context);
	await page.goto(classPath);

	await page.getByRole('button', { name: 'Make a password reset code for Ben Second' }).click();
	const benRow = page.locator('table.students tr', { hasText: 'Ben Second' }).first();
	const result = page.locator('table.students tr.result-row');
	await expect(result).toHaveCount(1);
	// The result is the row right after Ben's.
	expect(await benRow.evaluate((row) => row.nextElementSibling?.classList.contains('result-row'))).toBe(true);
	const resetCode = (await result.locator('strong.code').textContent())!.trim();
	expect(resetCode).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
	await expect(result).toContainText('Reset code for Ben Second');
	await expect(result).toContainText(/It works once, until \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}, at \/reset/);
	await expect(result.getByRole('button', { name: 'Copy the reset code' })).toBeVisible();
	await expect(page.locator('p.visually-hidden[role="status"]')).toContainText('Reset code for Ben Second:');
	// The dates on the page are in the viewer's time zone once the page runs; the server's say UTC.
	await expect(page.locator('table.students td.joined').first()).not.toContainText('UTC');
	const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await teacher.context.storageState() });
	contexts.push(plain);
	const noJs = await plain.newPage();
	await noJs.goto(classPath);
	await expect(noJs.locator('table.students td.joined').first()).toContainText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4} UTC$/);
});

test('the item analysis says in words how the class did and what to go over; the question page shows the passage and the right answer', async ({ page }) => {
	test.setTimeout(60_000);
	await signIn(page, 'demo_teacher', 'demo teacher password');
	await page.goto('/teach');
	await page.getByRole('link', { name: 'Demo class: Period 2' }).click();
	await page.getByRole('link', { name: /Item analysis/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Item analysis' })).toBeVisible();

	const items = page.locator('#judged-heading + ol.items > li');
	expect(await items.count()).toBeGreaterThan(20);
	const summaries = await items.locator('.summary').allTextContents();
	for (const summary of summaries) {
		expect(summary).toMatch(/^(Hard for this class|The class is split on this one|Most of the class got this right) \(average \d+ out of 100\)\.$/);
	}
	// What to go over, from the most common wrong answer and the feedback written for it.
	const actions = await items.locator('.action').allTextContents();
	expect(actions.some((a) => /^Most students \(\d+ of \d+\) chose “.+” instead of “.+”\. Go over why it is wrong: /.test(a))).toBe(true);
	expect(actions.some((a) => /labelled “.+” “.+”; it is “.+”\. Revisit the difference between /.test(a))).toBe(true);
	// Each statistic comes with a sentence, and a discrimination shown as 0 never sits beside "do worse".
	const first = items.first();
	await first.getByText('Statistics').click();
	await expect(first.locator('dl.stats dt')).toHaveText([/^Facility: \d+$/, /^Spread \(SD\): \d+$/, /^Discrimination: (−?\d+|—)$/, /^Efficiency: (−?\d+%|—)$/]);
	const readings = await items.evaluateAll((list) =>
		list.map((li) => ({
			discrimination: [...li.querySelectorAll('dt')].find((dt) => dt.textContent?.startsWith('Discrimination'))?.querySelector('strong')?.textContent,
			review: li.querySelector('.review')?.textContent ?? ''
		}))
	);
	for (const r of readings.filter((r) => r.discrimination === '0')) expect(r.review).not.toMatch(/worse/);

	// A highlight question's page: its passage, and the right answers marked as such.
	const highlight = page.locator('ol.items > li', { has: page.locator('.type', { hasText: /^highlight$/ }) }).first();
	await highlight.locator('h3 a').click();
	await expect(page.getByRole('heading', { level: 2, name: 'The passage' })).toBeVisible();
	await expect(page.locator('figure.passage blockquote')).not.toBeEmpty();
	await expect(page.getByRole('link', { name: 'Read it in the source' })).toHaveAttribute('href', /^\/sources\/[\w-]+\?from=\d+&to=\d+#p-\d+$/);
	await expect(page.locator('table.detail tr.right .right-mark').first()).toHaveText('✓ Right answer');
	await expect(page.getByRole('heading', { level: 2, name: 'What the answers say' })).toBeVisible();
});

test('no question is judged on fewer than 10 first answers', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Ms Few');
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, unique('Few'));
	contexts.push((await studentWhoAnswers(browser, 'Solo Student', await joinCode(page, classPath), [['l02-spot-the-claim', 'b']])).context);
	await page.goto(`${classPath}/items`);
	await expect(page.locator('.totals')).toHaveText('1 question answered · 0 worth a look · 1 with not enough answers yet');
	await page.goto(`${classPath}/items/l02-spot-the-claim`);
	await expect(page.locator('.advice .summary')).toHaveText('Not enough answers yet: 1 of the 10 first tries needed before this question is judged.');
	await expect(page.locator('.review')).toHaveCount(0);
});

test('the exports name lessons by title and write answers as the students saw them, with an as-of date', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Mr Sheets');
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, 'Export check');
	const right = rightOption('l02-spot-the-claim');
	contexts.push((await studentWhoAnswers(browser, 'Cass Export', await joinCode(page, classPath), [['l02-spot-the-claim', right.id]])).context);
	await page.goto(classPath);

	const download = async (name: string) => {
		const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
		return { name: file.suggestedFilename(), rows: parse(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '')) as string[][] };
	};
	const progress = await download('Download progress (CSV)');
	expect(progress.name).toMatch(/^export-check-progress-\d{4}-\d{2}-\d{2}\.csv$/);
	const [header, row] = progress.rows;
	expect(header).toContain('2. Claims and framing: questions answered');
	expect(header).toContain('2. Claims and framing: score on answered %');
	expect(header).toContain('0. Before check: questions answered');
	expect(header.some((h) => /^L\d\d/.test(h))).toBe(false);
	expect(row[header.indexOf('score on answered questions %')]).toBe('100');
	expect(row[header.indexOf('as of (UTC)')]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
	expect(row[header.indexOf('last active (UTC)')]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

	const answers = await download('Download every answer (CSV)');
	const [aHeader, aRow] = answers.rows;
	expect(aRow[aHeader.indexOf('lesson')]).toBe('2. Claims and framing');
	expect(aRow[aHeader.indexOf('question')]).toBe(questionById(LESSON, 'l02-spot-the-claim').prompt);
	expect(aRow[aHeader.indexOf('answer')]).toBe(right.text);
	expect(aRow[aHeader.indexOf('answered at (UTC)')]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
});

test('a student’s page opens on a summary per lesson, with answers grouped by lesson', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', 'Ms Page');
	contexts.push(teacher.context);
	const { page } = teacher;
	const classPath = await createClass(page, unique('Student page'));
	contexts.push(
		(
			await studentWhoAnswers(browser, 'Pat Summary', await joinCode(page, classPath), [
				['l02-spot-the-claim', wrongOption('l02-spot-the-claim').id],
				['l02-spot-the-claim', rightOption('l02-spot-the-claim').id],
				['l02-check-the-meeting', rightOption('l02-check-the-meeting').id]
			])
		).context
	);
	await page.goto(classPath);
	await page.locator('table.matrix tbody th a', { hasText: 'Pat Summary' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Pat Summary' })).toBeVisible();

	// The summary first: both figures, then each lesson started with its score, questions done, tries and last day.
	await expect(page.locator('.figures')).toContainText('Score on what was done100%');
	const line = page.locator('table.lessons tbody tr', { hasText: 'Claims and framing' });
	await expect(line.locator('td')).toHaveText(['100%', `2/${LESSON_QUESTIONS}`, '3', /^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/]);
	await expect(page.getByText(/^Not started: 0\. Before check, 1\. Who is speaking\?/)).toBeVisible();
	// Answers grouped by lesson, in a part that opens and closes; singular and plural right.
	const group = page.locator('details.lesson-group').first();
	await expect(group.locator('summary').first()).toHaveText('2. Claims and framing · 3 answers');
	await expect(group).toHaveAttribute('open', '');
	await expect(group.getByText('Feedback they saw (1 part)')).toHaveCount(2); // the right answers
	await expect(group.getByText('Feedback they saw (2 parts)')).toHaveCount(1); // the wrong pick and the missed right one
	await group.locator('summary').first().click();
	await expect(group.locator('ol.attempts')).toBeHidden();
});
