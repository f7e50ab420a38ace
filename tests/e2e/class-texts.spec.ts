// Teach with any text: an instructor pastes a short article, annotates it by keyboard, publishes
// practice built from the annotation; a student of the class answers it (with and without
// JavaScript); the teacher sees it in the class page, the item analysis and the CSV; export then
// import into a second class gives the same questions. axe on each new page, and screen checks.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { checkScreen } from '../support/screen-check';

const PASSWORD = 'purple kettles argue at dawn';
const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
const FORM = { accept: 'text/html', origin: BASE };
const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

const TEXT = [
	'Council shuts library',
	'The council voted 5 to 4 on Monday to close the Elm Street library. The mayor, Ana Ruiz, said the building needs repairs costing £2 million.',
	'Critics say the decision is a shameful betrayal of working families. The library opened in 1962.'
].join('\n');

/** Sentence by sentence: kind, attribution, who, loaded words, note. */
const ANNOTATION: { kind: RegExp; attribution: RegExp; speaker?: string; loaded: string[]; note: string }[] = [
	{ kind: /^Checkable claim/, attribution: /^No source/, loaded: [], note: 'A headline stating what happened.' },
	{ kind: /^Checkable claim/, attribution: /^No source/, loaded: [], note: 'The vote and its count are on the record.' },
	{ kind: /^Checkable claim/, attribution: /^Named source/, speaker: 'Ana Ruiz, the mayor', loaded: [], note: 'The mayor is named; the cost can be checked.' },
	{ kind: /^Framing/, attribution: /^Vague source/, speaker: 'critics', loaded: ['shameful', 'betrayal'], note: '“Shameful betrayal” judges; “critics” are not named.' },
	{ kind: /^Checkable claim/, attribution: /^No source/, loaded: [], note: 'A date anyone can check.' }
];

async function account(browser: Browser, role: 'student' | 'instructor', javaScriptEnabled = true) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	const username = unique(role === 'student' ? 'pupil' : 'teacher');
	const response = await page.request.post('/signup', { form: { username, displayName: username, password: PASSWORD, role }, headers: FORM, maxRedirects: 0 });
	expect(response.status()).toBe(303);
	return { context, page, username };
}

async function createClass(page: Page, name: string): Promise<{ path: string; code: string }> {
	await page.goto('/teach');
	await page.getByLabel('Class name').fill(name);
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	const path = new URL(page.url()).pathname;
	const code = (await page.locator('#join strong.code').textContent())!.trim();
	return { path, code };
}

async function axeClean(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function screens(page: Page, name: string) {
	for (const width of [375, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		expect(await checkScreen(page, `class-texts-${name}-${width}`)).toEqual([]);
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('an instructor teaches with a pasted text, a class practises on it, and the files move to another class', async ({ browser }) => {
	test.setTimeout(180_000);
	const teacher = await account(browser, 'instructor');
	const t = teacher.page;
	const klass = await createClass(t, 'Period 4 news');

	// 1. Add the text.
	await t.goto(`${klass.path}/texts/new`);
	await axeClean(t);
	await t.getByLabel('Title').fill('Council shuts library');
	await t.getByLabel('Outlet', { exact: true }).fill('The Example Gazette');
	await t.getByLabel('What the outlet is').fill('A weekly local paper.');
	await t.getByLabel('Published on').fill('2026-03-02');
	await t.getByLabel('The text', { exact: true }).fill(TEXT);
	await screens(t, 'new');
	await t.getByRole('button', { name: 'Add the text' }).click();
	await expect(t.getByRole('heading', { level: 1, name: /Annotate: Council shuts library/ })).toBeVisible();
	await expect(t.getByText('0 of 5 sentences annotated')).toBeVisible();
	const textPath = new URL(t.url()).pathname;

	// 2. Annotate every sentence by keyboard.
	for (const [i, a] of ANNOTATION.entries()) {
		await expect(t.getByRole('heading', { name: `Sentence ${i + 1} of 5` })).toBeVisible();
		await t.getByRole('radio', { name: a.kind }).focus();
		await t.keyboard.press('Space');
		await t.getByRole('radio', { name: a.attribution }).focus();
		await t.keyboard.press('Space');
		await t.getByLabel('Who (the source').fill('');
		if (a.speaker) {
			await t.getByLabel('Who (the source').focus();
			await t.keyboard.type(a.speaker);
		}
		for (const word of a.loaded) {
			await t.getByRole('checkbox', { name: word, exact: true }).focus();
			await t.keyboard.press('Space');
		}
		await t.getByLabel(/^Note/).focus();
		await t.keyboard.type(a.note);
		await t.keyboard.press('Enter');
		await expect(t.getByText(`${i + 1} of 5 sentences annotated`)).toBeVisible();
	}
	await t.goto(`${textPath}?preview=on`);
	await expect(t.getByRole('heading', { name: 'Preview: the text with your annotation' })).toBeVisible();
	await expect(t.locator('#preview .para strong.loaded').first()).toContainText('shameful betrayal');
	// Each sentence keeps its own note (nothing typed carries over to the next sentence).
	await expect(t.locator('#preview .note')).toHaveText(ANNOTATION.map((a) => a.note));
	await axeClean(t);
	await screens(t, 'annotate');

	// 3. Propose, edit a prompt, publish.
	await t.goto(`${textPath}/practice`);
	await t.getByRole('button', { name: 'Propose a practice set' }).click();
	await expect(t.getByText(/^Proposed \d+ questions/)).toBeVisible();
	await t.getByLabel('Prompt').first().fill('Claim, framing or mixed? Label each sentence.');
	await t.getByRole('button', { name: 'Save question 1' }).click();
	await expect(t.getByText('Question saved.')).toBeVisible();
	await t.getByRole('button', { name: 'Publish to the class' }).click();
	await expect(t.getByText('Published: the class’s students can answer it now.')).toBeVisible();
	await axeClean(t);
	await screens(t, 'practice-set');

	// 4. A student answers with JavaScript: the classify question.
	const student = await account(browser, 'student');
	expect((await student.page.request.post('/join', { form: { code: klass.code }, headers: FORM })).ok()).toBe(true);
	const s = student.page;
	await s.goto('/progress');
	await s.getByRole('link', { name: 'Council shuts library' }).click();
	await expect(s.getByRole('heading', { level: 1, name: 'Council shuts library' })).toBeVisible();
	const classify = s.locator('section#claim-or-framing');
	await expect(classify.getByText('Claim, framing or mixed? Label each sentence.')).toBeVisible();
	// Labels every item "Checkable claim": the framed sentence is then wrong.
	for (const radio of await classify.getByRole('radio', { name: 'Checkable claim' }).all()) await radio.check();
	await classify.getByRole('button', { name: /Check/ }).click();
	await expect(classify.getByText(/You scored|all right/)).toBeVisible();
	await axeClean(s);
	await screens(s, 'student');

	// ... and without JavaScript: the loaded-words question, by a plain form post.
	const noJs = await account(browser, 'student', false);
	expect((await noJs.page.request.post('/join', { form: { code: klass.code }, headers: FORM })).ok()).toBe(true);
	const practicePath = new URL(s.url()).pathname;
	await noJs.page.goto(practicePath);
	const loaded = noJs.page.locator('section#loaded-words-1');
	await loaded.getByRole('checkbox', { name: 'shameful' }).check();
	await loaded.getByRole('button', { name: /Check/ }).click();
	await expect(noJs.page.locator('section#loaded-words-1').getByText(/You found|all right|You scored/)).toBeVisible();

	// 5. The teacher sees it: class page, item analysis, student page, CSV.
	await t.goto(klass.path);
	const table = t.getByRole('region', { name: 'Class practice' });
	await expect(table.getByRole('columnheader', { name: /Council shuts library/ })).toBeVisible();
	await expect(table.getByRole('row', { name: new RegExp(student.username) })).toContainText('1 of');
	await t.goto(`${klass.path}/items`);
	const items = t.locator('section.practice-items');
	await expect(items.getByText('Claim, framing or mixed? Label each sentence.')).toBeVisible();
	await expect(items.getByText(/1 first answer/).first()).toBeVisible();
	await axeClean(t);
	const csv = await (await t.request.get(`${klass.path}/export.csv`)).text();
	expect(csv).toContain('Class practice: Council shuts library: questions answered');
	// Every answer, with the practice set named and the question's prompt, not a stored id.
	const answers = await (await t.request.get(`${klass.path}/attempts.csv`)).text();
	const practiceRows = answers.split('\n').filter((line) => line.includes('Class practice: Council shuts library'));
	expect(practiceRows.length).toBeGreaterThan(0);
	expect(practiceRows.some((line) => line.includes('Select the words in this sentence that judge'))).toBe(true);

	// 6. Export the files, import them into a second class: the same questions.
	await t.goto(`${textPath}/export`);
	await axeClean(t);
	const files: Record<string, string> = {};
	for (const file of ['txt', 'yaml', 'annotations.yaml', 'questions.yaml']) {
		const response = await t.request.get(`${textPath}/export/${file}`);
		expect(response.ok(), file).toBe(true);
		files[file] = await response.text();
	}
	expect(files.txt).toBe(TEXT);
	const second = await createClass(t, 'Period 5 news');
	await t.goto(`${second.path}/texts/import`);
	await axeClean(t);
	const upload = (name: string, body: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });
	await t.getByLabel(/^The text/).setInputFiles(upload('text.txt', files.txt));
	await t.getByLabel(/^Provenance/).setInputFiles(upload('p.yaml', files.yaml));
	await t.getByLabel(/^Annotation/).setInputFiles(upload('a.yaml', files['annotations.yaml']));
	await t.getByLabel(/^Questions/).setInputFiles(upload('q.yaml', files['questions.yaml']));
	await t.getByRole('button', { name: 'Import' }).click();
	await expect(t.getByRole('heading', { level: 1, name: /Practice set: Council shuts library/ })).toBeVisible();
	const importedPath = new URL(t.url()).pathname.replace(/\/practice$/, '');
	const again = await (await t.request.get(`${importedPath}/export/questions.yaml`)).text();
	expect(again).toBe(files['questions.yaml']);

	// A broken file is refused with the problem named by file and id.
	await t.goto(`${second.path}/texts/import`);
	await t.getByLabel(/^The text/).setInputFiles(upload('text.txt', files.txt.replace('1962', '1963')));
	await t.getByLabel(/^Provenance/).setInputFiles(upload('p.yaml', files.yaml.replace(/^id: .*$/m, 'id: another-id')));
	await t.getByRole('button', { name: 'Import' }).click();
	await expect(t.getByRole('alert')).toContainText('SHA-256');

	await teacher.context.close();
	await student.context.close();
	await noJs.context.close();
});

test('without JavaScript, a refused text comes back with what was pasted, and editing shows the saved text', async ({ browser }) => {
	const teacher = await account(browser, 'instructor', false);
	const t = teacher.page;
	const klass = await createClass(t, 'Period 6 news');
	const fillDetails = async () => {
		await t.getByLabel('Title').fill('Council shuts library');
		await t.getByLabel('Outlet', { exact: true }).fill('The Example Gazette');
		await t.getByLabel('What the outlet is').fill('A weekly local paper.');
		await t.getByLabel('Published on').fill('2026-03-02');
	};
	// Refused (too long): the form comes back from the server with the text still in its box.
	await t.goto(`${klass.path}/texts/new`);
	await fillDetails();
	const tooLong = `${TEXT}\n${'More words here. '.repeat(1_200)}`;
	await t.getByLabel('The text', { exact: true }).fill(tooLong);
	await t.getByRole('button', { name: 'Add the text' }).click();
	await expect(t.getByRole('alert').first()).toBeVisible();
	await expect(t.getByLabel('The text', { exact: true })).toHaveValue(tooLong.replace(/\r/g, ''));
	await expect(t.getByLabel('Title')).toHaveValue('Council shuts library');

	// Saved, then opened for editing: the text is in its box.
	await t.getByLabel('The text', { exact: true }).fill(TEXT);
	await t.getByRole('button', { name: 'Add the text' }).click();
	await expect(t.getByRole('heading', { level: 1, name: /Annotate: Council shuts library/ })).toBeVisible();
	await t.goto(`${new URL(t.url()).pathname}/edit`);
	await expect(t.getByLabel('The text', { exact: true })).toHaveValue(TEXT);
	await expect(t.getByLabel('Outlet', { exact: true })).toHaveValue('The Example Gazette');
	await teacher.context.close();
});
