import { getCourse, getSource } from '$lib/server/content';
import { annotatedParagraphs, highlightRange, lessonBackLink, paragraphViews, sourceLabel } from '$lib/server/content/views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const source = await getSource(params.id);
	const course = await getCourse();
	const annotations = course.annotations.get(source.id);
	const showLayers = url.searchParams.get('layers') === 'on' && annotations !== undefined;
	const range = highlightRange(source, url.searchParams);
	return {
		id: source.id,
		label: sourceLabel(source.provenance),
		provenance: source.provenance,
		paragraphs: paragraphViews(source, range),
		backToLesson: lessonBackLink(course.lessons, source.id, url.searchParams.get('lesson'), range),
		hasAnnotations: annotations !== undefined,
		annotations: showLayers ? annotatedParagraphs(annotations) : null
	};
};
