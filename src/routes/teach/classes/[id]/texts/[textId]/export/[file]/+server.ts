import { error } from '@sveltejs/kit';
import { requireOwnedText } from '$lib/server/class-texts/teach';
import { EXPORT_FILES, exportFile, exportName, type ExportFile } from '$lib/server/class-texts/transfer';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { version, text } = await requireOwnedText(getDb(), locals, url, params.id, params.textId);
	const file = EXPORT_FILES.find((f) => f === params.file) as ExportFile | undefined;
	if (!file) error(404, 'There is no such file.');
	return new Response(await exportFile(getDb(), version, file), {
		headers: {
			'content-type': `${file === 'txt' ? 'text/plain' : 'application/yaml'}; charset=utf-8`,
			'content-disposition': `attachment; filename="${exportName(text.slug, file)}"`,
			'cache-control': 'no-store'
		}
	});
};
