// The accessibility sweep: every route, as a guest, a student and an instructor (on the demo
// class), checked by axe against WCAG 2.2 AA; and one lesson done start to finish by keyboard.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { lessonQuestions, targetUnits, type AuthoredQuestion } from '../support/questions';
import { signIn } from '../support/sign-in';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const lessonDirs = readdirSync('lessons', { withFileTypes: true })
	.filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
	.map((d) => d.name);
const lessonPaths = lessonDirs.map((dir) => `/lessons/${dir.slice(3)}`);
const sourcePaths = ['/sources/defapress-2026', '/sources/gae-2023', '/sources/defapress-2026?layers=on', '/sources/gae-2023?layers=on'];

/** Visits each path (with the status it should answer with, 200 unless given) and runs axe. */
async function sweep(page: Page, paths: (string | [path: string, status: number])[]) {
	const found: string[] = [];
	for (const entry of paths) {
		const [path, status] = typeof entry === 'string' ? [entry, 200] : entry;
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(status);
		// Open collapsed parts so that their contents are checked too.
		for (const details of await page.locator('details').all()) await details.evaluate((d) => d.setAttribute('open', ''));
		const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
		found.push(...results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`));
	}
	expect(found).toEqual([]);
}

test('every route a guest can reach passes axe (WCAG 2.2 AA)', async ({ page }) => {
	// Every lesson, now with its written tasks, takes close to two minutes on a busy machine.
	test.setTimeout(180_000);
	await sweep(page, ['/', ...lessonPaths, ...sourcePaths, '/glossary', '/progress', '/login', '/signup', '/reset', '/join', ['/no-such-page', 404]]);
});

test('every route a student uses passes axe (WCAG 2.2 AA)', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo_student_01', 'demo student password');
	await sweep(page, ['/', '/progress', '/account', '/join', lessonPaths[0], lessonPaths[2], lessonPaths.at(-1)!, '/glossary', ['/teach', 403]]);
});

test('every route an instructor uses passes axe (WCAG 2.2 AA)', async ({ page }) => {
	// Every lesson, now with its written tasks, takes close to two minutes on a busy machine.
	test.setTimeout(180_000);
	await signIn(page, 'demo_teacher', 'demo teacher password');
	await page.goto('/teach');
	await page.getByRole('link', { name: 'Demo class: Period 2' }).click();
	await expect(page).toHaveURL(/\/teach\/classes\/[^/]+$/);
	const classPath = new URL(page.url()).pathname;
	const studentPath = (await page.locator('table.matrix tbody tr th a').first().getAttribute('href'))!;
	await page.goto(`${classPath}/items`);
	// One item page per question type.
	const itemPaths: string[] = [];
	for (const type of ['choice', 'classify', 'highlight', 'match']) {
		const row = page.locator('ol.items > li', { has: page.locator('.type', { hasText: new RegExp(`^${type}$`) }) }).first();
		itemPaths.push((await row.locator('h3 a').getAttribute('href'))!);
	}
	await sweep(page, [
		'/teach',
		classPath,
		`${classPath}?sort=score`,
		`${classPath}/items`,
		...itemPaths,
		studentPath,
		'/account',
		'/account/two-factor',
		'/progress'
	]);
});

/** Presses Tab (only the keyboard) until `target` has focus. */
async function tabTo(page: Page, target: Locator) {
	const element = await target.elementHandle();
	if (!element) throw new Error('nothing to tab to');
	for (let presses = 0; presses < 800; presses++) {
		if (await element.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('the element never received focus from the Tab key');
}

/** In a radio group reached by Tab, moves with the arrow keys to the option at `index` and checks it. */
async function chooseRadio(page: Page, radios: Locator, index: number) {
	await tabTo(page, radios.first());
	if (index === 0) await page.keyboard.press('Space');
	for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
	await expect(radios.nth(index)).toBeChecked();
}

async function answerByKeyboard(page: Page, question: AuthoredQuestion) {
	const section = page.locator(`section#${question.id}`);
	// Options and items are shown in a shuffled order: each is found by its id, and visited in the
	// order shown, so Tab only ever moves forward.
	const valuesOf = (radios: Locator) => radios.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
	if (question.type === 'choice') {
		const correct = new Set(question.options!.filter((o) => o.correct).map((o) => o.id));
		const inputs = section.locator('input[type="radio"], input[type="checkbox"]');
		const shown = await valuesOf(inputs);
		if ((await inputs.first().getAttribute('type')) === 'checkbox') {
			for (const [index, id] of shown.entries()) {
				if (!correct.has(id)) continue;
				await tabTo(page, inputs.nth(index));
				await page.keyboard.press('Space');
				await expect(inputs.nth(index)).toBeChecked();
			}
		} else {
			await chooseRadio(page, inputs, shown.findIndex((id) => correct.has(id)));
		}
	}
	if (question.type === 'classify') {
		const fieldsets = section.locator('fieldset');
		for (let i = 0; i < (await fieldsets.count()); i++) {
			const radios = fieldsets.nth(i).getByRole('radio');
			const itemId = (await radios.first().getAttribute('name'))!.replace(/^item-/, '');
			const item = question.items!.find((it) => it.id === itemId)!;
			await chooseRadio(page, radios, (await valuesOf(radios)).indexOf(item.label));
		}
	}
	if (question.type === 'highlight') {
		for (const unit of targetUnits(question)) {
			const toggle = section.locator(`button[data-unit="${unit}"]`);
			await tabTo(page, toggle);
			await page.keyboard.press('Space');
			await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		}
	}
	if (question.type === 'match') {
		// Each item is a radio group of the partners: reached with Tab, chosen with the arrow keys.
		const groups = section.locator('fieldset');
		for (let i = 0; i < (await groups.count()); i++) {
			const radios = groups.nth(i).getByRole('radio');
			const itemId = (await radios.first().getAttribute('name'))!.replace(/^pair-/, '');
			const item = question.left!.find((it) => it.id === itemId)!;
			await chooseRadio(page, radios, (await valuesOf(radios)).indexOf(item.match));
		}
	}
	if (question.type === 'respond') {
		// Each box in turn, typed; then, once sent, the self-check ticked and saved by keyboard too.
		for (const field of question.fields!) {
			await tabTo(page, section.getByLabel(field.label, { exact: true }));
			await page.keyboard.type(field.kind === 'address' ? 'en.wikipedia.org/wiki/Example' : 'A short answer.');
		}
	}
	await tabTo(page, section.getByRole('button', { name: 'Check my answer' }));
	await page.keyboard.press('Enter');
	const feedback = page.locator(`#${question.id}-feedback`);
	await expect(feedback).toBeVisible();
	if (question.type === 'respond') {
		const statement = section.getByLabel(question.selfCheck![0].text);
		await tabTo(page, statement);
		await page.keyboard.press('Space');
		await expect(statement).toBeChecked();
		await tabTo(page, section.getByRole('button', { name: 'Save my self-check' }));
		await page.keyboard.press('Enter');
		await expect(section).toContainText(`(1 of ${question.selfCheck!.length} ticked)`);
		return;
	}
	await expect(feedback.locator('.verdict-correct').first()).toBeVisible();
	await expect(feedback.locator('.verdict-incorrect, .verdict-missed, .verdict-partial')).toHaveCount(0);
}

test('a whole lesson by keyboard alone: choice, classify, highlight and match', async ({ page }) => {
	test.setTimeout(120_000);
	// A taught lesson (the diagnostics at either end hold their feedback back until the end).
	const dir = lessonDirs.filter((d) => !d.includes('check-yourself')).find((d) => {
		const types = new Set(lessonQuestions(d).map((q) => q.type));
		return types.has('highlight') && types.has('match') && types.has('classify') && types.has('choice');
	})!;
	await page.goto(`/lessons/${dir.slice(3)}`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// The first Tab reaches the skip link, which takes keyboard users straight to the lesson.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
	// In the order the page shows them, so Tab only ever moves forward. Written (respond) answers
	// are typed, not picked; the respond type's own browser tests cover them.
	const authored = new Map(lessonQuestions(dir).filter((q) => q.type !== 'respond').map((q) => [q.id, q]));
	const order = await page.locator('section[id]').evaluateAll((sections) => sections.map((s) => s.id));
	const questions = order.filter((id) => authored.has(id)).map((id) => authored.get(id)!);
	expect(questions).toHaveLength(authored.size);
	for (const question of questions) await answerByKeyboard(page, question);
	await page.goto('/progress');
	await expect(page.getByText(`You have answered ${questions.length} of`)).toBeVisible();
});
