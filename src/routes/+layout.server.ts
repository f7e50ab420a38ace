import { ANSWERS_DEPENDENCY } from '$lib/quiz/contract';
import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the header: never more than the header shows. */
export const load: LayoutServerLoad = ({ locals, depends }) => {
	// Read again after an answer too: an answer can start a guest (a first answer, or a session
	// that had ended), and the header must then say so.
	depends(ANSWERS_DEPENDENCY);
	return {
		viewer: locals.user
			? { role: locals.user.role, displayName: locals.user.displayName, username: locals.user.username }
			: null
	};
};
