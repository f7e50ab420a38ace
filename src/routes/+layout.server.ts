import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the header: never more than the header shows. */
export const load: LayoutServerLoad = ({ locals }) => ({
	viewer: locals.user
		? { role: locals.user.role, displayName: locals.user.displayName, username: locals.user.username }
		: null
});
