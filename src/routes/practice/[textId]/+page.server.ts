import { ANSWERS_DEPENDENCY } from '$lib/quiz/contract';
import { requireAccount } from '$lib/server/auth/guards';
import { practiceAnswerAction, practiceFor, practicePageData } from '$lib/server/class-texts/practice';
import { paragraphViews } from '$lib/server/content/views';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	// Reloaded whole after an answer (Question.svelte), text and questions too: a teacher may have
	// published a new version of the set since the page was opened.
	depends(ANSWERS_DEPENDENCY);
	const user = requireAccount(locals, url);
	const set = await practiceFor(getDb(), user, params.textId);
	return {
		...(await practicePageData(getDb(), user.id, set)),
		provenance: set.source.provenance,
		paragraphs: paragraphViews(set.source, null)
	};
};

export const actions: Actions = {
	answer: async (event) => {
		requireAccount(event.locals, event.url);
		return await practiceAnswerAction(getDb(), event, event.params.textId);
	}
};
