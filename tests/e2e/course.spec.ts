import { expect, test, type Page } from '@playwright/test';

/** The journey a visitor takes: course page → the before check → lesson 01 → a quotation → the source viewer. */
async function startAndFollowAQuote(page: Page) {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Who Says So?' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Who is speaking?' })).toBeVisible();
	await page.getByRole('link', { name: 'Start the course' }).click();

	await expect(page).toHaveURL(/\/lessons\/check-yourself-before$/);
	await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /Next: Who is speaking\?/ }).click();
	await expect(page).toHaveURL(/\/lessons\/who-is-speaking$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Who is speaking?' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'In this lesson you will' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Lessons' })).toBeVisible();

	// The block quotation of the Defapress dateline links to its exact place.
	const quote = page.locator('figure.quote', { hasText: 'TEHRAN (Defapress)' });
	await expect(quote.locator('blockquote')).toContainText(
		'TEHRAN (Defapress) - The United States is exerting diplomatic pressure on Bolivia'
	);
	await quote.getByRole('link').click();

	// The lesson goes along, so the source viewer can lead back to the quote.
	await expect(page).toHaveURL(/\/sources\/defapress-2026\?from=0&to=81&lesson=who-is-speaking#p-1$/);
	const paragraph = page.locator('#p-1');
	await expect(paragraph).toHaveClass(/highlighted/);
	await expect(paragraph.locator('mark')).toHaveText(
		'TEHRAN (Defapress) - The United States is exerting diplomatic pressure on Bolivia'
	);
	const card = page.getByRole('region', { name: 'Where this comes from' });
	await expect(card).toContainText('Defapress');
	await expect(card).toContainText('commonly described');
	await expect(card).toContainText('news rewrite');
	await expect(card).toContainText('edc13f4a19a2d0d74cf11754bf2c890c4e241b7d3fa62625532a404dc5e00107');
}

test('a visitor starts the course, reads lesson 01 and follows a quotation to its source', async ({ page }) => {
	await startAndFollowAQuote(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the same journey works', async ({ page }) => {
		await startAndFollowAQuote(page);
	});
});

test('a quote inside the site furniture opens the collapsed part with it highlighted', async ({ page }) => {
	await page.goto('/lessons/who-is-speaking');
	const whatsHot = page.locator('figure.quote', { hasText: 'May 30, 2025' }).getByRole('link');
	await whatsHot.click();
	await expect(page).toHaveURL(/\/sources\/gae-2023\?.*#p-12$/);
	await expect(page.locator('#p-12 mark')).toHaveText('May 30, 2025');
	await expect(page.locator('#p-12')).toBeVisible();
});

test('the scraped page shows the article, with its furniture collapsed but kept', async ({ page }) => {
	await page.goto('/sources/gae-2023');
	const article = page.getByRole('article');
	await expect(article.getByRole('heading', { name: 'The article' })).toBeVisible();
	await expect(article.locator('.para').first()).toContainText('Geopolitics is a field rife');
	await expect(article.locator('.para').last()).toContainText('in the multipolar world.');
	await expect(article).not.toContainText('What’s Hot');

	const before = page.locator('details.furniture').first();
	await expect(before).not.toHaveAttribute('open', '');
	await expect(before.locator('summary')).toContainText('Site furniture before the article');
	await before.locator('summary').click();
	await expect(before).toContainText('What\'s Hot');
	await expect(page.locator('details.furniture').last()).toContainText('Related Posts');
});

test('every paragraph has a stable anchor', async ({ page }) => {
	await page.goto('/sources/defapress-2026');
	const ids = await page.locator('.para').evaluateAll((nodes) => nodes.map((n) => n.id));
	expect(ids.length).toBe(14); // the file's 14 non-blank lines
	expect(ids).toEqual(ids.map((_, i) => `p-${i + 1}`));
});

test('an unknown lesson shows the friendly 404 page', async ({ page }) => {
	const response = await page.goto('/lessons/no-such-lesson');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'We can’t find that page' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to the course' })).toBeVisible();
	await expect(page.locator('body')).not.toContainText(/at .*\.js:\d+/);
});

test('an address that matches no page says so, without blaming the server', async ({ page }) => {
	for (const path of ['/lessons', '/sources/', '/glossary/x', '/lessons/who-is-speaking/extra']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(404);
		await expect(page.getByRole('heading', { name: 'We can’t find that page' }), path).toBeVisible();
		await expect(page.locator('main'), path).toContainText('There is nothing at this address.');
		await expect(page.locator('main'), path).not.toContainText('on our side');
	}
});

test('/healthz answers ok once the database answers', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ ok: true });
});

test('the page fits a 375 px phone screen without sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 800 });
	for (const path of ['/', '/lessons/who-is-speaking', '/sources/gae-2023', '/sources/defapress-2026']) {
		await page.goto(path);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, path).toBeLessThanOrEqual(0);
	}
});

test('a keyboard user can skip to the content', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#main$/);
});

test('the glossary defines the course’s terms, each with its own link', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Glossary' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
	await expect(page.locator('#lateral-reading dd')).toContainText('Leaving a page');
	await page.locator('#anonymous-source dt a').click();
	await expect(page).toHaveURL(/\/glossary#anonymous-source$/);
});

test('the source viewer can show its annotation layer, with a key, and hide it again', async ({ page }) => {
	await page.goto('/sources/defapress-2026');
	await page.getByRole('link', { name: /Show annotations/ }).click();
	await expect(page).toHaveURL(/layers=on/);
	await expect(page.getByRole('note', { name: 'Key to the annotations' })).toContainText('Checkable claim');
	const first = page.locator('#p-1 .sentence').first();
	await expect(first.locator('.tag').first()).toHaveText(/Checkable claim|Framing|Mixed/);
	await expect(page.locator('.tag-source', { hasText: 'Anonymous source' })).toBeVisible();
	await expect(page.locator('strong.loaded', { hasText: 'illegal kidnapping' })).toBeVisible();
	await page.getByRole('link', { name: 'Hide annotations' }).click();
	await expect(page.locator('.sentence')).toHaveCount(0);
});

test('a visitor without a session moves between stored pages by the page’s script, without errors', async ({ page, request }) => {
	// The lesson is in the guest page cache (a visit by someone else without a session).
	expect((await request.get('/lessons/who-is-speaking')).ok()).toBe(true);
	const documents: string[] = [];
	const errors: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'document') documents.push(r.url());
	});
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('/');
	await page.waitForLoadState('networkidle');
	const data = page.waitForResponse((response) => response.url().includes('/lessons/who-is-speaking/__data.json'));
	await page.getByRole('main').getByRole('link', { name: 'Who is speaking?' }).click();
	// The page's data, not the stored HTML page.
	expect((await data).headers()['content-type']).toContain('application/json');
	await expect(page).toHaveURL(/\/lessons\/who-is-speaking$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Who is speaking?' })).toBeVisible();
	expect(documents, 'the script moved to the lesson: no page load after the first').toHaveLength(1);
	expect(errors).toEqual([]);
});
