import { requireOwnedClass } from '$lib/server/auth/guards';
import { attemptsCsvStream } from '$lib/server/dashboard/csv';
import { classAttemptsPage } from '$lib/server/dashboard/queries';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Streamed page by page (attemptsCsvStream): a large class's file is never built in memory. */
export const GET: RequestHandler = ({ locals, url, params }) => {
	const db = getDb();
	const { klass } = requireOwnedClass(db, locals, url, params.id);
	return new Response(
		attemptsCsvStream((afterId) => classAttemptsPage(db, klass.id, afterId)),
		{
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="class-attempts.csv"`,
				'cache-control': 'no-store'
			}
		}
	);
};
