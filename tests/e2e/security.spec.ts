// Security headers and checks: CSP and friends on every kind of page, cross-site form posts
// refused, a new session on sign-in, hostile names shown as text everywhere (pages and CSV),
// errors that reveal nothing about the code or the database, and a /healthz that says only "ok".
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { questionById } from '../support/questions';

const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
const PASSWORD = 'purple kettles argue at dawn';
const SCRIPT_NAME = '<script>window.__pwned = 1</script>';
const IMG_NAME = '"><img src=x onerror="window.__pwned = 2">';

const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

async function context(): Promise<APIRequestContext> {
	return playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
}

async function signUp(page: Page, role: 'student' | 'instructor', displayName: string): Promise<string> {
	const username = unique(role);
	const response = await page.request.post('/signup', {
		form: { username, displayName, password: PASSWORD, role },
		headers: { origin: BASE, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign-up of ${username}`).toBe(303);
	return username;
}

test.describe('headers', () => {
	for (const path of ['/', '/lessons/claims-and-framing', '/sources/defapress-2026', '/login', '/no-such-page']) {
		test(`${path} carries the CSP and security headers`, async ({ request }) => {
			const response = await request.get(path);
			const headers = response.headers();
			const csp = headers['content-security-policy'];
			expect(csp, 'Content-Security-Policy').toBeTruthy();
			const directives = Object.fromEntries(
				csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values])
			);
			expect(directives['script-src']).not.toContain("'unsafe-inline'");
			expect(directives['script-src']).not.toContain("'unsafe-eval'");
			expect(directives['object-src']).toEqual(["'none'"]);
			expect(directives['base-uri']).toEqual(["'none'"]);
			expect(directives['frame-ancestors']).toEqual(["'none'"]);
			expect(headers['x-content-type-options']).toBe('nosniff');
			expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
			expect(headers['permissions-policy']).toContain('camera=()');
			// Served over plain HTTP here: no HSTS (a unit test covers HTTPS).
			expect(headers['strict-transport-security']).toBeUndefined();
		});
	}

	test('static files carry the security headers too (served before any hook runs)', async ({ request }) => {
		const html = await (await request.get('/')).text();
		const assets = [...new Set(html.match(/\/_app\/immutable\/[^"'\s>]+\.(js|css)/g) ?? [])];
		expect(assets.length, 'assets named in the page').toBeGreaterThan(0);
		for (const path of [assets[0], '/robots.txt', '/favicon.svg']) {
			const response = await request.get(path);
			expect(response.status(), path).toBe(200);
			const headers = response.headers();
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
			expect(headers['permissions-policy'], path).toContain('camera=()');
			expect(headers['x-frame-options'], path).toBe('DENY');
		}
		// An immutable asset keeps the long cache adapter-node gives it.
		expect((await request.get(assets[0])).headers()['cache-control']).toContain('immutable');
	});

	test('account and /teach pages, and their data requests, are never stored by the browser', async ({ page }) => {
		await signUp(page, 'instructor', 'No-store teacher');
		const created = await page.request.post('/teach?/create', {
			form: { name: 'No-store class' },
			headers: { origin: BASE, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(created.status()).toBe(303);
		const classPath = created.headers().location;
		const paths = ['/account', '/account/two-factor', '/teach', classPath, `${classPath}/items`, `${classPath}/attempts.csv`];
		for (const path of [...paths.slice(0, 5), ...paths.slice(0, 5).map((p) => `${p.replace(/\/$/, '')}/__data.json`), paths[5]]) {
			const response = await page.request.get(path, { maxRedirects: 0 });
			expect(response.status(), path).toBe(200);
			expect(response.headers()['cache-control'], path).toBe('no-store');
		}
		// Signed out, /teach redirects to the sign-in page: that answer is not stored either.
		const visitor = await context();
		const redirected = await visitor.get('/teach', { maxRedirects: 0 });
		expect(redirected.status()).toBe(303);
		expect(redirected.headers()['cache-control']).toBe('no-store');
		// Course pages stay cacheable (the guest page cache and the browser may keep them).
		expect((await visitor.get('/lessons/claims-and-framing')).headers()['cache-control']).toBeUndefined();
		await visitor.dispose();
	});

	test('on a shared computer, Back after signing out shows no one’s lesson page', async ({ page }) => {
		await signUp(page, 'student', 'Shared Screen');
		const response = await page.goto('/lessons/claims-and-framing');
		// With a session every page is personal (name, answers): never stored.
		expect(response?.headers()['cache-control']).toBe('no-store');
		await expect(page.getByRole('banner')).toContainText('Signed in as Shared Screen');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
		await page.goBack();
		await expect(page).toHaveURL(/\/lessons\/claims-and-framing$/);
		await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
		await expect(page.getByRole('banner')).not.toContainText('Shared Screen');
	});

	test('pages run no inline script besides SvelteKit’s own, and log no CSP errors', async ({ page }) => {
		const violations: string[] = [];
		page.on('console', (m) => {
			if (m.type() === 'error') violations.push(m.text());
		});
		await page.goto('/lessons/claims-and-framing');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// Hydrated: a question's check button works through JavaScript.
		await page.waitForFunction(() => document.querySelector('section form') !== null);
		expect(violations).toEqual([]);
	});
});

test('a form posted from another site is refused', async () => {
	const evil = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: 'https://evil.example' } });
	for (const path of ['/login', '/signup', '/lessons/claims-and-framing?/answer']) {
		const response = await evil.post(path, {
			form: { username: 'someone', password: PASSWORD, questionId: 'l02-spot-the-claim', choice: 'a' },
			headers: { accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), path).toBe(403);
		expect(response.headers()['set-cookie'], path).toBeUndefined();
	}
	await evil.dispose();
});

test('signing in starts a new session: a cookie set before is not reused', async () => {
	const ctx = await context();
	// A guest session, made by answering a question.
	const answered = await ctx.post('/lessons/claims-and-framing?/answer', {
		form: { questionId: 'l02-spot-the-claim', choice: 'a' },
		headers: { accept: 'text/html' }
	});
	expect(answered.ok()).toBe(true);
	const sessionCookie = async () => (await ctx.storageState()).cookies.find((c) => c.name === 'session')?.value;
	const before = await sessionCookie();
	expect(before).toBeTruthy();

	const username = unique('fixation');
	const signedUp = await ctx.post('/signup', {
		form: { username, displayName: 'Fixation test', password: PASSWORD, role: 'student' },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signedUp.status()).toBe(303);
	const after = await sessionCookie();
	expect(after).toBeTruthy();
	expect(after).not.toBe(before);

	// The old token no longer signs anyone in.
	const replay = await playwrightRequest.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, cookie: `session=${before}` }
	});
	const account = await replay.get('/account', { maxRedirects: 0 });
	expect(account.status()).toBe(303);
	expect(account.headers().location).toMatch(/^\/login/);

	// Signing in again (from a fresh guest session) also replaces the cookie.
	const again = await context();
	await again.post('/lessons/claims-and-framing?/answer', {
		form: { questionId: 'l02-spot-the-claim', choice: 'a' },
		headers: { accept: 'text/html' }
	});
	const guestToken = (await again.storageState()).cookies.find((c) => c.name === 'session')?.value;
	const signedIn = await again.post('/login', { form: { username, password: PASSWORD }, headers: { accept: 'text/html' }, maxRedirects: 0 });
	expect(signedIn.status()).toBe(303);
	const signedInToken = (await again.storageState()).cookies.find((c) => c.name === 'session')?.value;
	expect(signedInToken).toBeTruthy();
	expect(signedInToken).not.toBe(guestToken);
	for (const c of [ctx, replay, again]) await c.dispose();
});

test('hostile display names and class names stay text on every page and in the CSV', async ({ browser }) => {
	test.setTimeout(90_000);
	const teacher = await browser.newPage();
	const dialogs: string[] = [];
	const watch = (page: Page) => page.on('dialog', async (d) => (dialogs.push(d.message()), d.dismiss()));
	watch(teacher);
	await signUp(teacher, 'instructor', SCRIPT_NAME);
	const created = await teacher.request.post('/teach?/create', {
		form: { name: IMG_NAME },
		headers: { origin: BASE, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	const classPath = created.headers().location;
	const classPage = await (await teacher.request.get(classPath)).text();
	const code = classPage.match(/class="code[^"]*">([A-Z2-9]{8})</)![1];

	// Two students with hostile names join and answer.
	const students: Page[] = [];
	for (const name of [SCRIPT_NAME, IMG_NAME]) {
		const student = await browser.newPage();
		watch(student);
		await signUp(student, 'student', name);
		expect((await student.request.post('/join', { form: { code }, headers: { origin: BASE, accept: 'text/html' } })).ok()).toBe(true);
		const answered = await student.request.post('/lessons/claims-and-framing?/answer', {
			form: { questionId: 'l02-spot-the-claim', choice: 'a' },
			headers: { origin: BASE, accept: 'text/html' }
		});
		expect(answered.ok()).toBe(true);
		students.push(student);
	}

	const inert = async (page: Page, path: string, shows: string[]) => {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		for (const text of shows) await expect(page.getByText(text, { exact: false }).first(), `${path} shows ${text}`).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
		expect(await page.locator('img[src="x"]').count(), path).toBe(0);
	};
	await inert(teacher, '/teach', [IMG_NAME]);
	await inert(teacher, classPath, [IMG_NAME, SCRIPT_NAME]);
	await inert(teacher, `${classPath}/items`, [IMG_NAME]);
	await inert(teacher, `${classPath}/items/l02-spot-the-claim`, []); // the class name is only in the title here
	const studentLink = teacher.locator('table.matrix tbody tr th a').first();
	await teacher.goto(classPath);
	const studentPath = (await studentLink.getAttribute('href'))!;
	await inert(teacher, studentPath, [IMG_NAME]);
	await inert(teacher, '/account', [SCRIPT_NAME]);
	await inert(students[0], '/progress', [SCRIPT_NAME, IMG_NAME]);
	await inert(students[1], '/account', [IMG_NAME]);
	await inert(students[1], '/lessons/claims-and-framing', [IMG_NAME]); // the header names who is signed in
	expect(dialogs).toEqual([]);

	// The CSV files carry the names as plain, correctly quoted text.
	for (const file of ['export.csv', 'attempts.csv']) {
		const csv = (await (await teacher.request.get(`${classPath}/${file}`)).text()).replace(/^\uFEFF/, '');
		const cells = (parse(csv) as string[][]).flat();
		expect(cells, file).toContain(SCRIPT_NAME);
		expect(cells, file).toContain(IMG_NAME);
		// No cell a spreadsheet would run, whatever text it holds.
		expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c)), file).toEqual([]);
	}
	// Answers are written as the option the students saw, not its id.
	const attempts = (parse((await (await teacher.request.get(`${classPath}/attempts.csv`)).text()).replace(/^\uFEFF/, '')) as string[][]);
	const answer = attempts[0].indexOf('answer');
	const optionA = questionById('02-claims-and-framing', 'l02-spot-the-claim').options!.find((o) => o.id === 'a')!.text;
	expect(attempts.slice(1).map((r) => r[answer])).toEqual([optionA.trim(), optionA.trim()]);
	for (const page of [teacher, ...students]) await page.close();
});

test('errors reveal no stack trace, file path or SQL', async ({ request }) => {
	// Stack frames, source paths, SQLite's messages and SQL statements; lesson prose may say "select … from", so SQL is matched by its syntax.
	const leaks = /(\bat [\w$.<>]+ \(|node_modules|\/work\/|\.js:\d+|\.ts:\d+|SQLITE_|SqliteError|\bselect [\w.*, ]+ from \w+ (where|join)\b|\binsert into \w+ \(|TypeError|RangeError|ReferenceError)/i;
	const probes: [string, () => Promise<import('@playwright/test').APIResponse>][] = [
		['unknown page', () => request.get('/no/such/page')],
		['unknown lesson', () => request.get('/lessons/%27%3B%20drop%20table%20users%3B--')],
		['unknown source', () => request.get('/sources/..%2F..%2Fetc%2Fpasswd')],
		['unknown class', () => request.get("/teach/classes/' or 1=1 --", { maxRedirects: 0 })],
		['unknown question', () => request.post('/lessons/claims-and-framing?/answer', { form: { questionId: "' or 1=1 --" }, headers: { origin: BASE, accept: 'text/html' } })],
		['malformed answer', () => request.post('/lessons/claims-and-framing?/answer', { data: '%%%\u0000{{{', headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } })],
		['wrong content type', () => request.post('/lessons/claims-and-framing?/answer', { data: '{"questionId": 1}', headers: { origin: BASE, 'content-type': 'application/json', accept: 'application/json', 'x-sveltekit-action': 'true' } })],
		['oversized answer', () => request.post('/lessons/claims-and-framing?/answer', { form: { questionId: 'l02-spot-the-claim', choice: 'a'.repeat(100_000) }, headers: { origin: BASE, accept: 'text/html' } })],
		['bad data request', () => request.get('/lessons/claims-and-framing/__data.json?x-sveltekit-invalidated=zz')],
		['unknown action', () => request.post('/lessons/claims-and-framing?/nope', { form: { a: 'b' }, headers: { origin: BASE, accept: 'text/html' } })],
		['login with huge username', () => request.post('/login', { form: { username: 'x'.repeat(10_000), password: 'y' }, headers: { origin: BASE, accept: 'text/html' } })]
	];
	for (const [name, probe] of probes) {
		const response = await probe();
		const body = await response.text();
		expect(response.status(), name).toBeLessThan(500);
		expect(body.match(leaks)?.[0] ?? null, `${name} (${response.status()})`).toBeNull();
	}
});

test('/healthz says only that the server is up', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.text()).toBe('{"ok":true}');
	const headers = response.headers();
	expect(headers['x-powered-by']).toBeUndefined();
	expect(headers['server']).toBeUndefined();
	expect(headers['set-cookie']).toBeUndefined();
	expect(headers['cache-control']).toBe('no-store');
});
