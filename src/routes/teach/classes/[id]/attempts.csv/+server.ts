import { requireOwnedClass } from '$lib/server/auth/guards';
import { practiceQuestionLookup } from '$lib/server/class-texts/report';
import { getCourse } from '$lib/server/content';
import { attemptsCsvStream, csvFilename } from '$lib/server/dashboard/csv';
import { classAttemptsPage } from '$lib/server/dashboard/queries';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Streamed page by page (attemptsCsvStream): a large class's file is never built in memory. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const db = getDb();
	const { klass } = await requireOwnedClass(db, locals, url, params.id);
	const asOf = Date.now();
	return new Response(
		attemptsCsvStream((afterId) => classAttemptsPage(db, klass.id, afterId), { course: await getCourse(), asOf, practice: await practiceQuestionLookup(db, klass.id) }),
		{
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${csvFilename(klass.name, 'answers', asOf)}"`,
				'cache-control': 'no-store'
			}
		}
	);
};
