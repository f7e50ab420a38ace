import { getCourse } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { lessons } = await getCourse();
	return {
		lessons: lessons.map(({ slug, number, title, summary, minutes }) => ({ slug, number, title, summary, minutes }))
	};
};
