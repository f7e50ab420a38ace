// The lateral-reading tasks of lessons 01, 07 and 08: each lesson sends the learner to a search
// engine in a new tab (without giving this page's opener away) right before a written task that
// asks for an address off the checked site; the page reads well on a phone and a laptop.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { checkScreen, SCREEN_WIDTHS } from '../support/screen-check';
import { questionById } from '../support/questions';

const TASKS = [
	{ dir: '01-who-is-speaking', id: 'l01-lateral-podcast' },
	{ dir: '07-trace-it-upstream', id: 'l07-find-the-original' },
	{ dir: '08-check-the-facts', id: 'l08-who-was-president' }
];

for (const { dir, id } of TASKS) {
	test(`${id}: a search in a new tab, then a log with an off-page address`, async ({ page }) => {
		const authored = questionById(dir, id) as unknown as {
			type: string;
			task?: { question: string };
			checks?: { offPage?: { field: string } };
		};
		expect(authored.type).toBe('respond');
		expect(authored.checks?.offPage, 'the task checks that the address leaves the checked site').toBeDefined();
		await page.goto(`/lessons/${dir.slice(3)}`);
		const section = page.locator(`section#${id}`);
		await expect(section.getByText(authored.task!.question)).toBeVisible();
		// The link to a search engine comes after the previous question and before this task, and
		// opens a new tab without giving the search engine this page as its opener.
		const links = await section.evaluate((task) => {
			const sections = [...document.querySelectorAll('section[id]')];
			const previous = sections[sections.indexOf(task as HTMLElement) - 1];
			return [...document.querySelectorAll('a[href^="https://"]')]
				.filter((a) => a.compareDocumentPosition(task) & Node.DOCUMENT_POSITION_FOLLOWING)
				.filter((a) => !previous || previous.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)
				.map((a) => ({ text: a.textContent ?? '', target: a.getAttribute('target'), rel: a.getAttribute('rel') ?? '' }));
		});
		expect(links).toHaveLength(1);
		expect(links[0].target).toBe('_blank');
		expect(links[0].rel.split(/\s+/)).toContain('noopener');
		expect(links[0].text).toContain('new tab');
		await expect(section.locator(`input[name="field-${authored.checks!.offPage!.field}"]`)).toBeVisible();
	});
}

for (const [device, width] of Object.entries(SCREEN_WIDTHS)) {
	test(`the lateral-reading task of lesson 01 on a ${device} (${width} px)`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/lessons/who-is-speaking');
		const section = page.locator('section#l01-lateral-podcast');
		await section.scrollIntoViewIfNeeded();
		await section.screenshot({ path: `test-results/screens/lateral-l01-${device}.png` });
		const linkParagraphs = await page.locator('p', { has: page.locator('a[target="_blank"]') }).all();
		for (const [index, paragraph] of linkParagraphs.entries()) {
			await paragraph.screenshot({ path: `test-results/screens/lateral-l01-link-${index + 1}-${device}.png` });
		}
		expect(await checkScreen(page, `lesson-01-${device}`)).toEqual([]);
		// From the top, as the sweep does: scrolled, the sticky lesson bar can sit over a radio button.
		await page.evaluate(() => window.scrollTo(0, 0));
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
	});
}
