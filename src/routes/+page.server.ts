import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { courseProgress } from '$lib/server/progress/course-progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const course = await getCourse();
	const progress = courseProgress(getDb(), course, locals.user?.id ?? null);
	return {
		lessons: course.lessons.map(({ slug, number, title, summary, minutes }, index) => ({
			slug,
			number,
			title,
			summary,
			minutes,
			progress: progress[index]
		}))
	};
};
