import { requireOwnedClass } from '$lib/server/auth/guards';
import { attemptsCsv } from '$lib/server/dashboard/csv';
import { classAttempts } from '$lib/server/dashboard/queries';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url, params }) => {
	const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
	return new Response(attemptsCsv(classAttempts(getDb(), klass.id)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="class-attempts.csv"`,
			'cache-control': 'no-store'
		}
	});
};
