import { expect, test, type APIRequestContext } from '@playwright/test';
import { count, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { closeDatabase } from '../../src/lib/server/db/open';
import { first } from '../../src/lib/server/db/results';
import { attempts, sessions } from '../../src/lib/server/db/schema';
import { openE2eDatabase } from '../support/e2e-database';
import { lessonQuestions, questionById } from '../support/questions';

const LESSON_DIR = '02-claims-and-framing';
const ACTION = '/lessons/claims-and-framing?/answer';

async function attemptsOf(cookie: string): Promise<number> {
	const sessionId = createHash('sha256').update(cookie.replace(/^session=/, '')).digest('hex');
	const db = await openE2eDatabase();
	try {
		const row = await first(
			db.select({ n: count() }).from(attempts).innerJoin(sessions, eq(sessions.userId, attempts.userId)).where(eq(sessions.id, sessionId))
		);
		return row?.n ?? 0;
	} finally {
		await closeDatabase(db);
	}
}

async function post(request: APIRequestContext, fields: Record<string, string | string[]>, cookie = '', path = ACTION) {
	const body = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of [value].flat()) body.append(name, v);
	}
	return request.post(path, {
		// A browser form post carries its origin; SvelteKit refuses cross-site form posts.
		// (and asks for HTML, as a browser without JavaScript does).
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: `http://localhost:${process.env.E2E_PORT ?? 4173}`,
			cookie
		},
		data: body.toString(),
		maxRedirects: 0
	});
}

test.describe('bad answers are refused with a clear message, and nothing is stored', () => {
	let cookie = '';

	test.beforeAll(async ({ request }) => {
		const response = await post(request, { questionId: 'l02-spot-the-claim', choice: 'a' });
		// Saved, then back to the question (Post/Redirect/Get), so a refresh cannot post it again.
		expect(response.status()).toBe(303);
		expect(response.headers().location).toBe('/lessons/claims-and-framing#l02-spot-the-claim');
		cookie = response.headers()['set-cookie'].match(/session=[^;]+/)![0];
		expect(await attemptsOf(cookie)).toBe(1);
	});

	const cases: [string, Record<string, string | string[]>, number, RegExp, string?][] = [
		['an unknown question id', { questionId: 'no-such-question', choice: 'a' }, 400, /That question does not exist/],
		['a missing option', { questionId: 'l02-spot-the-claim' }, 400, /Choose an option\./],
		['a foreign option', { questionId: 'l02-spot-the-claim', choice: 'zz' }, 400, /not part of this question/],
		['a forged field', { questionId: 'l02-spot-the-claim', choice: 'a', earned: '1' }, 400, /does not ask for/],
		['two options for a single answer', { questionId: 'l02-spot-the-claim', choice: ['a', 'b'] }, 400, /only one/],
		['a question from another lesson', { questionId: 'l02-spot-the-claim', choice: 'a' }, 400, /belongs to another lesson/, '/lessons/who-is-speaking?/answer'],
		['a body over 64 KB', { questionId: 'l02-spot-the-claim', choice: 'a', padding: 'x'.repeat(66_000) }, 413, /far too long/]
	];

	for (const [name, fields, status, message, path] of cases) {
		test(name, async ({ request }) => {
			const response = await post(request, fields, cookie, path);
			expect(response.status()).toBe(status);
			const html = await response.text();
			expect(html).toMatch(message);
			expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
			expect(await attemptsOf(cookie)).toBe(1);
		});
	}

	test('a refused answer from a new visitor creates no guest', async ({ request }) => {
		const response = await post(request, { questionId: 'l02-spot-the-claim' });
		expect(response.status()).toBe(400);
		expect(response.headers()['set-cookie']).toBeUndefined();
	});
});

/** Undo the HTML escaping Svelte applies, so key text can be searched for in a page. */
function unescapeHtml(html: string): string {
	return html
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&amp;', '&');
}

/** Every piece of a question that must stay on the server until it is answered. */
function secrets(dir: string): string[] {
	return lessonQuestions(dir).flatMap((q) => [
		q.explanation,
		...(q.options ?? []).map((o) => o.feedback),
		...(q.items ?? []).map((i) => i.feedback),
		...(q.targets ?? []).map((t) => t.feedback),
		...(q.decoys ?? []).map((d) => d.feedback),
		...(q.left ?? []).map((l) => l.feedback),
		// Written answers: the model answers, the self-check and the rubric come only after sending.
		...(q.modelAnswers ?? []),
		...(q.selfCheck ?? []).map((s) => s.text),
		...(q.rubric ?? []).map((r) => r.descriptor)
	]);
}

const lessonDirs = readdirSync('lessons').filter((d) => /^\d\d-/.test(d));

for (const dir of lessonDirs) {
	const slug = dir.slice(3);
	test(`no answer key or explanation is sent before answering: ${slug}`, async ({ request }) => {
		const html = unescapeHtml(await (await request.get(`/lessons/${slug}`)).text());
		const data = await (await request.get(`/lessons/${slug}/__data.json`)).text();
		// Whole texts: lesson prose may repeat a fact a feedback sentence starts with.
		for (const secret of secrets(dir)) {
			expect(html, `${slug} page`).not.toContain(secret);
			expect(data, `${slug} data`).not.toContain(JSON.stringify(secret).slice(1, -1));
		}
		for (const key of ['correct', 'label', 'match', 'expected', 'targets', 'decoys', 'feedback', 'explanation', 'modelAnswers', 'selfCheck', 'rubric', 'requiredTerms', 'accept', 'excerptLoadedPhrases']) {
			expect(data, `${slug} data has no "${key}" field`).not.toContain(`"${key}":`);
		}
	});
}

test('the explanation does arrive once the question is answered (so the check above can fail)', async ({ request }) => {
	const question = questionById(LESSON_DIR, 'l02-spot-the-claim');
	const response = await post(request, { questionId: question.id, choice: 'b' });
	const cookie = response.headers()['set-cookie'].match(/session=[^;]+/)![0];
	const html = unescapeHtml(await (await request.get('/lessons/claims-and-framing', { headers: { cookie } })).text());
	expect(html).toContain(question.explanation);
});
