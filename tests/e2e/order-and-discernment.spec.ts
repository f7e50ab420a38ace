// The order a question shows carries no information, and a learner sees both sides of their
// discernment on /progress: options and items appear in a fixed shuffle (the same on every load,
// with or without JavaScript, and not the authored order across the lesson), answers are graded
// by id whatever the order, and /progress says in plain words how many plain claims the learner
// called framing and how many framed ones they took as plain.
import { expect, test, type Page } from '@playwright/test';
import { fill } from '../support/answer';
import { lessonQuestions, questionById } from '../support/questions';

const LESSON_DIR = '02-claims-and-framing';
const LESSON_URL = '/lessons/claims-and-framing';

/** The option or item ids of each choice and classify question, in the order the page shows them. */
async function shownOrders(page: Page): Promise<Record<string, string[]>> {
	const orders: Record<string, string[]> = {};
	for (const question of lessonQuestions(LESSON_DIR)) {
		const section = page.locator(`section#${question.id}`);
		if (question.type === 'choice') {
			orders[question.id] = await section.locator('input[name="choice"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		}
		if (question.type === 'classify') {
			const names = await section.locator('input[type="radio"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
			orders[question.id] = [...new Set(names)].map((name) => name.slice('item-'.length));
		}
	}
	return orders;
}

function authoredOrders(): Record<string, string[]> {
	return Object.fromEntries(
		lessonQuestions(LESSON_DIR).flatMap((q) =>
			q.type === 'choice' ? [[q.id, q.options!.map((o) => o.id)]] : q.type === 'classify' ? [[q.id, q.items!.map((i) => i.id)]] : []
		)
	);
}

for (const javaScript of [true, false]) {
	test(`the shown order is fixed, the same ${javaScript ? 'with' : 'without'} JavaScript, and not the authored one`, async ({ browser }) => {
		const first = await browser.newPage({ javaScriptEnabled: javaScript });
		await first.goto(LESSON_URL);
		const shown = await shownOrders(first);
		await first.reload();
		expect(await shownOrders(first)).toEqual(shown);
		// Another visitor (a fresh browser context) sees the same order.
		const other = await (await browser.newContext({ javaScriptEnabled: !javaScript })).newPage();
		await other.goto(LESSON_URL);
		expect(await shownOrders(other)).toEqual(shown);
		// Every option and item is there, and across the lesson the order is not the authored one.
		const authored = authoredOrders();
		for (const [id, order] of Object.entries(shown)) expect([...order].sort()).toEqual([...authored[id]].sort());
		expect(Object.entries(shown).some(([id, order]) => order.join() !== authored[id].join())).toBe(true);
	});
}

test('the right answer is graded right whatever position it is shown in, and /progress reports both sides of discernment', async ({ page }) => {
	await page.goto(LESSON_URL);
	const choice = questionById(LESSON_DIR, 'l02-spot-the-claim');
	await fill(page, choice, true, true);
	await expect(page.locator('#l02-spot-the-claim-feedback')).toContainText('all right');

	// Every sentence labelled wrongly: plain claims called framing, framed ones called plain.
	const sorting = questionById(LESSON_DIR, 'l02-sort-sentences');
	await fill(page, sorting, false, true);
	await expect(page.locator('#l02-sort-sentences-feedback')).toBeVisible();

	await page.goto('/progress');
	const reading = page.getByRole('region', { name: 'How you read, on first tries' });
	const claims = sorting.items!.filter((i) => i.label === 'claim').length;
	const framed = sorting.items!.length - claims;
	await expect(reading).toContainText(`and called ${claims} of them framing or loaded`);
	// Each framed or mixed sentence was labelled a plain claim (the first wrong label), so all were missed.
	await expect(reading).toContainText(`You met ${framed} framed`);
	await expect(reading).toContainText(`took ${framed} of them as plain fact`);
});
