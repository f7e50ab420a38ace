import { json } from '@sveltejs/kit';
import { databaseIsHealthy } from '$lib/server/db';

/** Liveness for load balancers and tests: 200 once the database answers, 503 if it does not. */
export async function GET() {
	const headers = { 'cache-control': 'no-store' };
	return await databaseIsHealthy()
		? json({ ok: true }, { headers })
		: json({ ok: false }, { status: 503, headers });
}
