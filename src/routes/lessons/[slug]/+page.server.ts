import { getCourse, getLesson } from '$lib/server/content';
import { quotesByKey, sourceCard } from '$lib/server/content/views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const lesson = await getLesson(params.slug);
	const { sources } = await getCourse();
	return {
		lesson,
		quotes: quotesByKey(lesson),
		sources: lesson.sources.map((id) => sourceCard(sources.get(id)!))
	};
};
