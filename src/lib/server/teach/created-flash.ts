// "Class created": a confirmation on the first view of a new class's page. The create action
// redirects to the class's own address (links and bookmarks stay clean), so it leaves a
// short-lived cookie naming the class, which the class page reads once and clears. Works the
// same with and without JavaScript.
import type { Cookies } from '@sveltejs/kit';

const COOKIE = 'class_created';
const options = (url: URL) => ({ path: '/teach', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' });

export function noteClassCreated(cookies: Cookies, url: URL, classId: string): void {
	cookies.set(COOKIE, classId, { ...options(url), maxAge: 10 * 60 });
}

/** True, once, on the first view of the class just created. */
export function takeClassCreated(cookies: Cookies, url: URL, classId: string): boolean {
	if (cookies.get(COOKIE) !== classId) return false;
	cookies.delete(COOKIE, options(url));
	return true;
}
