import { invalidate } from '$app/navigation';
import type { ActionResult } from '@sveltejs/kit';
import { ANSWERS_DEPENDENCY } from '../contract';

/**
 * Shows the result of an answer (or a self-check) sent with JavaScript. As `invalidateAll` would,
 * the page's data is loaded again before the result shows, but only the loads that hold the
 * learner's answers: the questions and texts on the page have not changed.
 */
export async function showAnswerResult(
	update: (options?: { reset?: boolean; invalidateAll?: boolean }) => Promise<void>,
	result: ActionResult
): Promise<void> {
	if (result.type === 'success') await invalidate(ANSWERS_DEPENDENCY);
	await update({ reset: false, invalidateAll: false });
}
