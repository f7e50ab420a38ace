import { numberedSentences } from '$lib/server/class-texts/source';
import { requireOwnedText } from '$lib/server/class-texts/teach';
import { EXPORT_FILES, exportName, exportSummary } from '$lib/server/class-texts/transfer';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass, version, source, text } = await requireOwnedText(getDb(), locals, url, params.id, params.textId);
	return {
		klass: { id: klass.id, name: klass.name },
		textId: text.id,
		title: version.provenance.title,
		files: EXPORT_FILES.map((file) => ({ file, name: exportName(text.slug, file) })),
		summary: await exportSummary(getDb(), version, numberedSentences(source).length)
	};
};
