import { requireOwnedClass } from '$lib/server/auth/guards';
import { classPracticeReport, practiceItems } from '$lib/server/class-texts/report';
import { getCourse } from '$lib/server/content';
import { MIN_FIRST_ATTEMPTS } from '$lib/server/dashboard/item-stats';
import { itemReadings, skillComparison } from '$lib/server/dashboard/items';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const course = await getCourse();
	const items = await itemReadings(getDb(), course, klass.id);
	return {
		klass: { id: klass.id, name: klass.name },
		items,
		skills: skillComparison(course, items),
		minAttempts: MIN_FIRST_ATTEMPTS,
		practiceItems: await practiceItems(getDb(), klass.id, await classPracticeReport(getDb(), klass.id))
	};
};
