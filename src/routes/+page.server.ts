import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { courseOverview } from '$lib/server/progress/course-progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const course = await getCourse();
	const { lessons: progress, next } = await courseOverview(getDb(), course, locals.user?.id ?? null);
	return {
		next,
		lessons: course.lessons.map(({ slug, number, title, summary, minutes, diagnostic }, index) => ({
			slug,
			number,
			title,
			summary,
			minutes,
			diagnostic,
			progress: progress[index]
		}))
	};
};
