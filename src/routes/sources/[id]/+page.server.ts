import { getSource } from '$lib/server/content';
import { highlightRange, paragraphViews, sourceLabel } from '$lib/server/content/views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const source = await getSource(params.id);
	const range = highlightRange(source, url.searchParams);
	return {
		id: source.id,
		label: sourceLabel(source.provenance),
		provenance: source.provenance,
		paragraphs: paragraphViews(source, range)
	};
};
