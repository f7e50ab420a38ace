import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const PASSWORD = 'purple kettles argue at dawn';
const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

async function signUp(page: Page, username: string, role: 'student' | 'instructor' = 'student', displayName = username) {
	await page.goto('/signup');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Display name').fill(displayName);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByLabel(role === 'student' ? 'a student (or studying on my own)' : 'an instructor').check();
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.locator('header .who')).toContainText(`Signed in as ${displayName}`);
}

async function signIn(page: Page, username: string, password = PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

async function answerOneQuestion(page: Page) {
	await page.goto('/lessons/claims-and-framing');
	const section = page.locator('section#l02-spot-the-claim');
	await section.getByRole('radio').first().check();
	await section.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.locator('#l02-spot-the-claim-feedback')).toBeVisible();
}

async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

test('a guest answers, signs up, and keeps their progress', async ({ page }) => {
	await answerOneQuestion(page);
	await expect(page.getByText('If you make one later, your progress comes with you.')).toBeVisible();
	await signUp(page, unique('guest'));
	await page.goto('/progress');
	await expect(page.locator('li.card', { hasText: 'Claims and framing' })).toContainText('1 of');
});

test('signing in from a guest session brings the guest’s answers and starts a new session', async ({ page, browser }) => {
	const username = unique('returning');
	const first = await newPage(browser);
	await signUp(first, username);
	await first.close();

	await answerOneQuestion(page);
	const guestCookie = (await page.context().cookies()).find((c) => c.name === 'session')!.value;
	await signIn(page, username);
	await expect(page).toHaveURL(/\/progress$/);
	const accountCookie = (await page.context().cookies()).find((c) => c.name === 'session')!.value;
	expect(accountCookie).not.toBe(guestCookie);
	await expect(page.locator('li.card', { hasText: 'Claims and framing' })).toContainText('1 of');
});

test('a wrong password and an unknown username get the same message, and the username is kept', async ({ page }) => {
	const username = unique('careful');
	await signUp(page, username);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, username, 'not the right password');
	const wrongPassword = await page.getByRole('alert').textContent();
	await expect(page.getByLabel('Username')).toHaveValue(username);
	await expect(page.getByLabel('Password')).toHaveValue('');
	await signIn(page, unique('nobody'));
	expect(await page.getByRole('alert').textContent()).toBe(wrongPassword);
});

test('sign-up explains each problem and keeps what was typed, except the password', async ({ page }) => {
	await page.goto('/signup');
	await page.getByLabel('Username').fill(unique('weak'));
	await page.getByLabel('Display name').fill('Weak Password');
	await page.getByLabel('Password').fill('qwerty123456');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.locator('#password-error')).toContainText('common passwords');
	await expect(page.getByLabel('Display name')).toHaveValue('Weak Password');
	await expect(page.getByLabel('Password')).toHaveValue('');
});

test('an instructor creates a class, a student joins with the code, and the instructor sees them', async ({ page, browser }) => {
	await signUp(page, unique('teacher'), 'instructor', 'Ms Rivera');
	await expect(page).toHaveURL(/\/teach$/);
	await page.getByLabel('Class name').fill('Period 3 Media');
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Period 3 Media' })).toBeVisible();
	const code = (await page.locator('strong.code').textContent())!.trim();
	expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

	const student = await newPage(browser);
	const name = unique('pupil');
	await signUp(student, name, 'student', 'Pat Pupil');
	await student.goto('/join');
	await student.getByLabel('Join code').fill(code.toLowerCase());
	await student.getByRole('button', { name: 'Join' }).click();
	await expect(student.getByRole('status')).toContainText('You joined Period 3 Media');
	await student.goto('/progress');
	await expect(student.getByRole('region', { name: 'My classes' })).toContainText('Period 3 Media');

	await page.reload();
	await expect(page.locator('table.students')).toContainText('Pat Pupil');
	await expect(page.locator('table.matrix')).toContainText('Pat Pupil');
	await expect(page.locator('table.students')).toContainText(name);
});

test('only instructors reach /teach, and only the owner reaches a class', async ({ page, browser }) => {
	const visitor = await newPage(browser);
	await visitor.goto('/teach');
	await expect(visitor).toHaveURL(/\/login\?next=%2Fteach$/);

	await signUp(page, unique('owner'), 'instructor');
	await page.getByLabel('Class name').fill('Owned class');
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Owned class' })).toBeVisible();
	const classUrl = page.url();

	const student = await newPage(browser);
	await signUp(student, unique('nosy'));
	expect((await student.goto('/teach'))?.status()).toBe(403);
	expect((await student.goto(classUrl))?.status()).toBe(403);

	const other = await newPage(browser);
	await signUp(other, unique('other'), 'instructor');
	expect((await other.goto(classUrl))?.status()).toBe(403);
	expect((await other.goto('/teach/classes/no-such-class'))?.status()).toBe(404);
});

test('account: change display name, sign out of all devices, delete the account', async ({ page, browser }) => {
	const username = unique('acct');
	await signUp(page, username);
	const second = await newPage(browser);
	await signIn(second, username);
	await expect(second).toHaveURL(/\/progress$/);

	await page.goto('/account');
	await page.getByLabel('Display name').fill('New Name');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.locator('header .who')).toContainText('Signed in as New Name');

	await page.getByRole('button', { name: 'Sign out of all devices' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await second.goto('/account');
	await expect(second).toHaveURL(/\/login/);

	await signIn(page, username);
	await expect(page).toHaveURL(/\/progress$/);
	await page.goto('/account');
	await page.getByText('Delete my account and all my data…').click();
	await page.getByLabel(/Type your username/).fill(username);
	await page.getByLabel('Your password').fill('not my password');
	await page.getByRole('button', { name: 'Delete everything' }).click();
	await expect(page.locator('#delete-password-error')).toHaveText('That is not your current password.');
	await page.getByLabel('Your password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Delete everything' }).click();
	await expect(page).toHaveURL(/\/$/);
	await signIn(page, username);
	await expect(page.getByRole('alert')).toHaveText('That username and password do not match an account.');
});

test('axe finds no violations on the account and class pages', async ({ page }) => {
	const check = async (path: string) => {
		await page.goto(path);
		for (const details of await page.locator('details').all()) await details.evaluate((d) => d.setAttribute('open', ''));
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
		expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
	};
	await check('/signup');
	await check('/login');
	await check('/reset');
	await signUp(page, unique('axe'), 'instructor');
	await page.getByLabel('Class name').fill('Axe class');
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Axe class' })).toBeVisible();
	await check(new URL(page.url()).pathname);
	await check('/teach');
	await check('/account');
	await check('/account/two-factor');
	await check('/join');
});

test('a student who forgot their password resets it with a code from their instructor', async ({ page, browser }) => {
	await signUp(page, unique('coach'), 'instructor');
	await page.getByLabel('Class name').fill('Reset class');
	await page.getByRole('button', { name: 'Create class' }).click();
	const code = (await page.locator('strong.code').textContent())!.trim();

	const username = unique('forgetful');
	const student = await newPage(browser);
	await signUp(student, username, 'student', 'Forgetful Student');
	// The join link names the class; one button joins it.
	await student.goto(`/join?code=${code}`);
	await student.getByRole('button', { name: 'Join Reset class' }).click();
	await expect(student.getByRole('status')).toContainText('You joined Reset class');
	await student.context().clearCookies();

	await page.reload();
	await page.getByRole('button', { name: 'Make a password reset code for Forgetful Student' }).click();
	// The code appears beside the student it was made for.
	const resetCode = (await page.locator('#students tr', { hasText: 'Reset code for Forgetful Student' }).locator('strong.code').textContent())!.trim();
	expect(resetCode).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);

	await student.goto('/login');
	await student.getByRole('link', { name: 'set a new password' }).click();
	await expect(student.getByRole('heading', { level: 1, name: 'Set a new password' })).toBeVisible();
	await student.getByLabel('Username').fill(username);
	await student.getByLabel('Reset code').fill(resetCode);
	await student.getByLabel('New password').fill('seven quiet owls read maps');
	await student.getByRole('button', { name: 'Set new password' }).click();
	await expect(student).toHaveURL(/\/progress$/);
	await expect(student.locator('header .who')).toContainText('Forgetful Student');

	// The code is used up.
	await student.context().clearCookies();
	await student.goto('/reset');
	await student.getByLabel('Username').fill(username);
	await student.getByLabel('Reset code').fill(resetCode);
	await student.getByLabel('New password').fill('another long passphrase');
	await student.getByRole('button', { name: 'Set new password' }).click();
	await expect(student.locator('#code-error')).toContainText('expired or been used');
	await signIn(student, username, 'seven quiet owls read maps');
	await expect(student).toHaveURL(/\/progress$/);
});

test('an instructor turns on two-factor sign-in; signing in then needs a code or a recovery code', async ({ page }) => {
	const { generateHOTP, generateTOTP } = await import('@oslojs/otp');
	const { decodeBase32IgnorePadding } = await import('@oslojs/encoding');
	const username = unique('careful_teacher');
	await signUp(page, username, 'instructor');
	await page.goto('/account');
	await page.getByRole('link', { name: 'Set it up' }).click();
	await expect(page.locator('.qr svg')).toBeVisible();
	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	const codeNow = () => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
	// Each code works once: signing in takes the next period's code (a phone a little ahead).
	const nextCode = () => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + 1), 6);
	await page.getByLabel('Code from your app').fill(codeNow() === '000000' ? '111111' : '000000');
	await page.getByRole('button', { name: 'Turn on' }).click();
	await expect(page.getByRole('alert')).toContainText('does not match');
	await page.getByLabel('Code from your app').fill(codeNow());
	await page.getByRole('button', { name: 'Turn on' }).click();
	await expect(page.getByRole('status')).toContainText('Two-factor sign-in is on');
	const recovery = await page.locator('.codes code').allTextContents();
	expect(recovery).toHaveLength(8);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, username);
	await expect(page).toHaveURL(/\/login\/two-factor/);
	// Half signed in is not signed in.
	expect((await page.request.get('/teach', { maxRedirects: 0 })).status()).toBe(303);
	await page.getByLabel('Code').fill('12345');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('not right');
	await page.getByLabel('Code').fill(nextCode());
	await page.getByRole('button', { name: 'Sign in' }).click();
	// An instructor lands on their classes.
	await expect(page).toHaveURL(/\/teach$/);
	await expect(page.locator('header .who')).toContainText(username);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, username);
	await expect(page).toHaveURL(/\/login\/two-factor/);
	await page.getByLabel('Code').fill(recovery[0]);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/teach$/);
});

test('ten wrong passwords lock the username for a while, even for the right password', async ({ page }) => {
	const username = unique('locked');
	await signUp(page, username);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto('/login');
	for (let i = 0; i < 10; i++) {
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(`wrong password number ${i}`);
		// Wait for each refusal, so every failure is counted before the next try.
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')),
			page.getByRole('button', { name: 'Sign in' }).click()
		]);
		expect(response.status()).toBe(200);
		await expect(page.getByRole('alert')).toHaveText('That username and password do not match an account.');
	}
	await signIn(page, username);
	await expect(page.getByRole('alert')).toHaveText(/Too many attempts\. Please try again in 1[45] minutes\./);
	await expect(page).toHaveURL(/\/login$/);
});
