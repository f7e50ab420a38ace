import { requireOwnedClass } from '$lib/server/auth/guards';
import { classPracticeReport, practiceCsvColumns } from '$lib/server/class-texts/report';
import { getCourse } from '$lib/server/content';
import { csvFilename, matrixCsv } from '$lib/server/dashboard/csv';
import { classMatrix } from '$lib/server/dashboard/matrix';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const asOf = Date.now();
	const csv = matrixCsv(await classMatrix(getDb(), await getCourse(), klass.id), asOf, practiceCsvColumns(await classPracticeReport(getDb(), klass.id)));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFilename(klass.name, 'progress', asOf)}"`,
			'cache-control': 'no-store'
		}
	});
};
