import { error } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { getCourse } from '$lib/server/content';
import { itemDetail } from '$lib/server/dashboard/items';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const item = await itemDetail(getDb(), await getCourse(), klass.id, params.questionId);
	if (!item) error(404, 'No one in this class has answered that question yet.');
	return { klass: { id: klass.id, name: klass.name }, item };
};
