// Holes found by a security probe, checked across HTTP: where a sign-in may lead, TOTP codes
// used once, two-factor and the account page, who can join a class, what "removed" means, and
// names that must be one line of visible text.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
const PASSWORD = 'purple kettles argue at dawn';
const NEW_PASSWORD = 'seven quiet owls read maps';
const html = { accept: 'text/html' };

const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;
const contexts: APIRequestContext[] = [];

async function context(): Promise<APIRequestContext> {
	const ctx = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
	contexts.push(ctx);
	return ctx;
}

// Each worker disposes the contexts it made once: an afterAll that runs again (a worker reused
// for another group of this file) must not dispose them a second time.
test.afterAll(async () => {
	for (const ctx of contexts.splice(0)) await ctx.dispose();
});

async function signUp(ctx: APIRequestContext, role: 'student' | 'instructor', displayName?: string): Promise<string> {
	const username = unique(role);
	const response = await ctx.post('/signup', {
		form: { username, displayName: displayName ?? username, password: PASSWORD, role },
		headers: html,
		maxRedirects: 0
	});
	expect(response.status(), `sign-up of ${username}`).toBe(303);
	return username;
}

async function signIn(ctx: APIRequestContext, username: string, path = '/login') {
	return ctx.post(path, { form: { username, password: PASSWORD }, headers: html, maxRedirects: 0 });
}

async function createClass(ctx: APIRequestContext, name: string): Promise<{ path: string; code: string }> {
	const created = await ctx.post('/teach?/create', { form: { name }, headers: html, maxRedirects: 0 });
	expect(created.status()).toBe(303);
	const path = created.headers().location;
	const page = await (await ctx.get(path)).text();
	return { path, code: page.match(/class="code[^"]*">([A-Z2-9]{8})</)![1] };
}

test.describe('where signing in leads', () => {
	// Raw query strings, as they would appear in a crafted link.
	const hostile = [
		'/%09/example.com',
		'/%0A/example.com',
		'//evil.example',
		'/%5Cevil.example',
		'/.//evil.example',
		'https://evil.example',
		'javascript:alert(1)',
		'/%00x',
		'/%C3%BCn%C3%AF',
		'/%E2%80%AE'
	];

	test('a crafted next never leaves the site and never fails after the cookie is set', async () => {
		const ctx = await context();
		const username = await signUp(ctx, 'student');
		for (const next of hostile) {
			const response = await signIn(await context(), username, `/login?next=${next}`);
			expect(response.status(), next).toBe(303);
			const location = response.headers().location;
			expect(new URL(location, BASE).origin, `${next} → ${JSON.stringify(location)}`).toBe(BASE);
			expect(location, next).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
		}
		// A good one survives.
		const good = await signIn(await context(), username, `/login?next=${encodeURIComponent('/lessons/claims-and-framing?x=1#l02-spot-the-claim')}`);
		expect(good.headers().location).toBe('/lessons/claims-and-framing?x=1#l02-spot-the-claim');
	});

	test('in a browser, signing in with ?next=/%09/example.com ends on this site', async ({ page }) => {
		const username = await signUp(await context(), 'student');
		await page.goto('/login?next=/%09/example.com');
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.locator('header .who')).toContainText(username);
		expect(new URL(page.url()).origin).toBe(BASE);
	});
});

/** An instructor with two-factor sign-in turned on from `ctx`; `code(offset)` is the code of a period near now. */
async function instructorWithTwoFactor() {
	const ctx = await context();
	const username = await signUp(ctx, 'instructor');
	const setup = await (await ctx.get('/account/two-factor')).text();
	const secret = setup.match(/data-testid="totp-secret"[^>]*>([A-Z2-7]+)</)![1];
	const code = (offset = 0) =>
		generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + offset), 6);
	const enableCode = code();
	const enabled = await ctx.post('/account/two-factor?/enable', { form: { secret, code: enableCode }, headers: html });
	expect(enabled.status()).toBe(200);
	expect(await enabled.text()).toContain('Two-factor sign-in is on');
	return { ctx, username, code, enableCode };
}

/** Signs in with the password, then posts `code` to the two-factor step; the answer to that post. */
async function signInWithCode(username: string, code: string) {
	const ctx = await context();
	const first = await signIn(ctx, username);
	expect(first.headers().location).toMatch(/^\/login\/two-factor/);
	const second = await ctx.post('/login/two-factor', { form: { code }, headers: html, maxRedirects: 0 });
	return { ctx, status: second.status(), location: second.headers().location };
}

test.describe('two-factor codes', () => {
	test('a code signs in one session only, and the code that turned it on signs in none', async () => {
		const { username, code, enableCode } = await instructorWithTwoFactor();
		expect((await signInWithCode(username, enableCode)).status).toBe(400);
		// The next period's code (phone clocks run a little ahead) is accepted once.
		const next = code(1);
		const first = await signInWithCode(username, next);
		expect(first.status).toBe(303);
		expect((await first.ctx.get('/teach', { maxRedirects: 0 })).status()).toBe(200);
		const second = await signInWithCode(username, next);
		expect(second.status).toBe(400);
		expect((await second.ctx.get('/teach', { maxRedirects: 0 })).status()).toBe(303);
	});

	test('the two-factor step also keeps a crafted next on this site', async () => {
		const { username, code } = await instructorWithTwoFactor();
		const ctx = await context();
		await signIn(ctx, username);
		const response = await ctx.post('/login/two-factor?next=/%09/example.com', { form: { code: code(1) }, headers: html, maxRedirects: 0 });
		expect(response.status()).toBe(303);
		expect(new URL(response.headers().location, BASE).origin).toBe(BASE);
	});

	test('changing the password keeps this device signed in, past the two-factor step', async () => {
		const { ctx } = await instructorWithTwoFactor();
		const changed = await ctx.post('/account?/password', { form: { current: PASSWORD, next: NEW_PASSWORD }, headers: html });
		expect(changed.status()).toBe(200);
		expect(await changed.text()).toContain('Your password is changed.');
		const teach = await ctx.get('/teach', { maxRedirects: 0 });
		expect(teach.status(), `went to ${teach.headers().location}`).toBe(200);
	});

	test('turning two-factor off is limited: ten wrong codes, then "try again later"', async () => {
		const { ctx, code } = await instructorWithTwoFactor();
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) {
			// Five digits: never a right code.
			statuses.push((await ctx.post('/account/two-factor?/disable', { form: { code: `${10_000 + i}` }, headers: html })).status());
		}
		expect(statuses).toEqual([...Array(10).fill(400), 429]);
		const blocked = await ctx.post('/account/two-factor?/disable', { form: { code: code(1) }, headers: html });
		expect(blocked.status()).toBe(429);
		expect(await blocked.text()).toContain('Too many attempts');
		expect(await (await ctx.get('/account/two-factor')).text()).toContain('Two-factor sign-in is <strong>on</strong>');
	});
});

test('deleting an account needs its password', async () => {
	const ctx = await context();
	const username = await signUp(ctx, 'student');
	for (const password of ['', 'not my password at all']) {
		const refused = await ctx.post('/account?/delete', { form: { confirm: username, password }, headers: html, maxRedirects: 0 });
		expect(refused.status(), JSON.stringify(password)).toBe(400);
		expect(await refused.text()).toContain('That is not your current password.');
	}
	expect((await signIn(await context(), username)).status()).toBe(303);
	const deleted = await ctx.post('/account?/delete', { form: { confirm: username, password: PASSWORD }, headers: html, maxRedirects: 0 });
	expect(deleted.status()).toBe(303);
	expect((await signIn(await context(), username)).status()).toBe(400);
});

test('an instructor cannot join another instructor’s class', async () => {
	const owner = await context();
	await signUp(owner, 'instructor');
	const { path, code } = await createClass(owner, 'Only students here');
	const colleague = await context();
	const colleagueName = await signUp(colleague, 'instructor');
	const refused = await colleague.post('/join', { form: { code }, headers: html });
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('This code is for students. Instructors do not join classes;');
	const roster = await (await owner.get(path)).text();
	expect(roster).not.toContain(colleagueName);
	expect(roster).toContain('No students yet: share the code');
});

test('"Student removed" only when a student was removed', async () => {
	const owner = await context();
	await signUp(owner, 'instructor');
	const { path, code } = await createClass(owner, 'Removal class');
	const student = await context();
	await signUp(student, 'student');
	expect((await student.post('/join', { form: { code }, headers: html })).status()).toBe(200);
	const studentId = (await (await owner.get(path)).text()).match(/name="userId" value="([^"]+)"/)![1];

	const remove = (userId: string, confirm = 'yes') => owner.post(`${path}?/removeStudent`, { form: { userId, confirm }, headers: html });
	// Without confirm=yes the action only asks; the student stays.
	const asked = await remove(studentId, '');
	expect(asked.status()).toBe(200);
	expect(await asked.text()).toContain('from the class? They will no longer be listed here.');
	expect(await (await owner.get(path)).text()).toContain(`name="userId" value="${studentId}"`);
	const removed = await remove(studentId);
	expect(removed.status()).toBe(200);
	expect(await removed.text()).toContain('Student removed from the class:');
	for (const userId of [studentId, 'no-such-student']) {
		for (const confirm of ['yes', '']) {
			const again = await remove(userId, confirm);
			expect(again.status(), userId).toBe(400);
			const page = await again.text();
			expect(page).toContain('That student is not in this class.');
			expect(page).not.toContain('Student removed');
		}
	}
});

test.describe('names are one line of visible text', () => {
	test('sign-up and the account page refuse line breaks, bidi controls and invisible names', async () => {
		const ctx = await context();
		for (const displayName of ['Ana\r\nBob', 'Ana\u202Eboj', '\u200B\u200D']) {
			const refused = await ctx.post('/signup', {
				form: { username: unique('named'), displayName, password: PASSWORD, role: 'student' },
				headers: html,
				maxRedirects: 0
			});
			expect(refused.status(), JSON.stringify(displayName)).toBe(400);
		}
		await signUp(ctx, 'student');
		const renamed = await ctx.post('/account?/displayName', { form: { displayName: 'Ana\tBob' }, headers: html });
		expect(renamed.status()).toBe(400);
		expect(await renamed.text()).toContain('no line breaks, tabs or other control characters');
	});

	test('class names follow the same rule when created and renamed, and renaming keeps descriptions to 300 characters', async () => {
		const owner = await context();
		await signUp(owner, 'instructor');
		for (const name of ['Period\r\n3', '\u2067Period 3', '\u200B']) {
			const refused = await owner.post('/teach?/create', { form: { name }, headers: html, maxRedirects: 0 });
			expect(refused.status(), JSON.stringify(name)).toBe(400);
		}
		const { path } = await createClass(owner, 'Period 3');
		const rename = (name: string, description: string) =>
			owner.post(`${path}?/rename`, { form: { name, description }, headers: html });
		const tooLong = await rename('Period 3', 'd'.repeat(301));
		expect(tooLong.status()).toBe(400);
		expect(await tooLong.text()).toContain('Keep the description to 300 characters.');
		for (const name of ['Period\n3', 'Period \u202E3', '\uFEFF\u2060']) {
			expect((await rename(name, '')).status(), JSON.stringify(name)).toBe(400);
		}
		const page = await (await owner.get(path)).text();
		expect(page).toContain('<title>Period 3 · My classes');
		expect(page).not.toContain('d'.repeat(301));
		expect((await rename('Period 3b', 'd'.repeat(300))).status()).toBe(200);
		expect(await (await owner.get(path)).text()).toContain('<title>Period 3b · My classes');
	});
});
