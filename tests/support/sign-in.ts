import { expect, type Page } from '@playwright/test';

/** Signs in through the form, as a person would, and waits for the page it leads to (progress, or an instructor's classes). */
export async function signIn(page: Page, username: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/(progress|teach)$/);
}
