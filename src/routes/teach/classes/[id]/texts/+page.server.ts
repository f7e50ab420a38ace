import { requireOwnedClass } from '$lib/server/auth/guards';
import { annotationProgress } from '$lib/server/class-texts/annotate';
import { classTextSource, MAX_TEXTS_PER_CLASS, numberedSentences } from '$lib/server/class-texts/source';
import { classTextLines } from '$lib/server/class-texts/store';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const texts = (await classTextLines(getDb(), klass.id)).map((line) => {
		const built = classTextSource(line.provenance, line.body);
		return {
			id: line.id,
			title: line.title,
			outlet: line.outlet,
			version: line.version,
			createdAt: line.createdAt,
			draft: line.draft,
			published: line.published,
			progress: annotationProgress(line.annotations, built.ok ? numberedSentences(built.source) : [])
		};
	});
	return { klass: { id: klass.id, name: klass.name }, texts, maxTexts: MAX_TEXTS_PER_CLASS };
};
