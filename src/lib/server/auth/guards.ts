// Who may see what. Every check lives here, in server code, not in pages.
import { findClass } from '../db/classes';
import type { Queryable } from '../db/open';
import type { Class } from '../db/schema';
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './session';

/** A signed-in account (student or instructor); guests and visitors go to sign in. */
export function requireAccount(locals: App.Locals, url: URL): SessionUser {
	const user = locals.user;
	if (!user || user.role === 'guest') redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return user;
}

/** An instructor; anyone else signed in gets 403. */
export function requireInstructor(locals: App.Locals, url: URL): SessionUser {
	const user = requireAccount(locals, url);
	if (user.role !== 'instructor') error(403, 'This page is for instructors.');
	return user;
}

/** The class, when the signed-in instructor owns it: 404 if there is none, 403 if it is not theirs. */
export async function requireOwnedClass(db: Queryable, locals: App.Locals, url: URL, classId: string): Promise<{ user: SessionUser; klass: Class }> {
	const user = requireInstructor(locals, url);
	const klass = await findClass(db, classId);
	if (!klass) error(404, 'There is no class at this address.');
	if (klass.instructorId !== user.id) error(403, 'Only the instructor who runs this class can see it.');
	return { user, klass };
}
