// Every /teach page and form action against every kind of visitor: no session, guest, student,
// another instructor, and the class's owner. Expected: sign-in redirect, 403, or allowed.
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
const PASSWORD = 'purple kettles argue at dawn';
type Actor = 'nobody' | 'guest' | 'student' | 'otherInstructor' | 'owner';
type Outcome = 'login' | 'forbidden' | 'allowed';

const actors: Partial<Record<Actor, APIRequestContext>> = {};
let classId = '';
let studentId = '';
let textId = '';
let writtenAttemptId = '';

async function context(): Promise<APIRequestContext> {
	return playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
}

async function signUp(ctx: APIRequestContext, role: 'student' | 'instructor'): Promise<void> {
	const username = `${role}_${Math.random().toString(36).slice(2, 9)}`;
	const response = await ctx.post('/signup', {
		form: { username, displayName: username, password: PASSWORD, role },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign-up of ${username}`).toBe(303);
}

test.beforeAll(async () => {
	actors.nobody = await context();
	actors.guest = await context();
	const answer = await actors.guest.post('/lessons/claims-and-framing?/answer', {
		form: { questionId: 'l02-spot-the-claim', choice: 'a' },
		headers: { accept: 'text/html' }
	});
	expect(answer.ok()).toBe(true);
	actors.student = await context();
	await signUp(actors.student, 'student');
	actors.otherInstructor = await context();
	await signUp(actors.otherInstructor, 'instructor');
	actors.owner = await context();
	await signUp(actors.owner, 'instructor');
	const created = await actors.owner.post('/teach?/create', {
		form: { name: 'Authorization class' },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	classId = created.headers().location.split('/').pop()!;
	// The student joins, so that actions on a student have a real target.
	const page = await (await actors.owner.get(`/teach/classes/${classId}`)).text();
	const code = page.match(/class="code[^"]*">([A-Z2-9]{8})</)![1];
	expect((await actors.student.post('/join', { form: { code }, headers: { accept: 'text/html' } })).ok()).toBe(true);
	const roster = await (await actors.owner.get(`/teach/classes/${classId}`)).text();
	studentId = roster.match(/name="userId" value="([^"]+)"/)![1];
	// The student answers one question, so that its item page exists.
	const answered = await actors.student.post('/lessons/claims-and-framing?/answer', {
		form: { questionId: 'l02-spot-the-claim', choice: 'a' },
		headers: { accept: 'text/html' }
	});
	expect(answered.ok()).toBe(true);
	// A class text, so that its pages and actions have a real target.
	const added = await actors.owner.post(`/teach/classes/${classId}/texts/new`, {
		form: { title: 'A text', outlet: 'An outlet', outletAbout: 'A paper.', author: '', published: '2026-01-05', estimated: '', clue: '', url: '', genre: 'news rewrite', text: 'One plain sentence. Another one here.' },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(added.status()).toBe(303);
	textId = added.headers().location.split('/').pop()!;
	// And writes one answer, so that the review page and its action have a real target.
	const written = await actors.student.post('/lessons/loaded-words?/answer', {
		form: { questionId: 'l06-rewrite-neutral', 'field-rewrite': 'The US asked Bolivia about Iran in Latin America.' },
		headers: { accept: 'text/html' }
	});
	expect(written.ok()).toBe(true);
	const queue = await (await actors.owner.get(`/teach/classes/${classId}/reviews`)).text();
	writtenAttemptId = queue.match(/name="attemptId" value="(\d+)"/)![1];
});

test.afterAll(async () => {
	for (const ctx of Object.values(actors)) await ctx?.dispose();
});

function classify(status: number, location: string | undefined): Outcome | string {
	if ((status === 302 || status === 303) && location?.startsWith('/login')) return 'login';
	if (status === 403) return 'forbidden';
	if (status === 200 || status === 303) return 'allowed';
	return `unexpected ${status}`;
}

const pages: { path: () => string; expect: Record<Actor, Outcome> }[] = [
	{ path: () => '/teach', expect: { nobody: 'login', guest: 'login', student: 'forbidden', otherInstructor: 'allowed', owner: 'allowed' } },
	...[
		'',
		'/items',
		'/items/l02-spot-the-claim',
		'/students/STUDENT',
		'/export.csv',
		'/attempts.csv',
		'/texts',
		'/texts/new',
		'/texts/import',
		'/texts/TEXT',
		'/texts/TEXT/edit',
		'/texts/TEXT/practice',
		'/texts/TEXT/export',
		'/texts/TEXT/export/txt',
		'/texts/TEXT/export/questions.yaml',
		'/reviews'
	].map((page) => ({
		path: () => `/teach/classes/${classId}${page.replace('STUDENT', studentId).replace('TEXT', textId)}`,
		expect: { nobody: 'login', guest: 'login', student: 'forbidden', otherInstructor: 'forbidden', owner: 'allowed' } as Record<Actor, Outcome>
	}))
];

const classActions = ['rename', 'regenerate', 'resetCode', 'archive', 'turnOff', 'removeStudent', 'restoreStudent'];
const actions: { path: () => string; form: () => Record<string, string>; expect: Record<Actor, Outcome> }[] = [
	{
		path: () => '/teach?/create',
		form: () => ({ name: 'Another class' }),
		expect: { nobody: 'login', guest: 'login', student: 'forbidden', otherInstructor: 'allowed', owner: 'allowed' }
	},
	...classActions.map((action) => ({
		path: () => `/teach/classes/${classId}?/${action}`,
		form: () => ({ name: 'Renamed', userId: studentId }),
		expect: { nobody: 'login', guest: 'login', student: 'forbidden', otherInstructor: 'forbidden', owner: 'allowed' } as Record<Actor, Outcome>
	})),
	// Class texts: each action with a form the owner's request succeeds with.
	...(
		[
			['/texts/new', { title: 'B text', outlet: 'O', outletAbout: 'A paper.', published: '2026-01-05', genre: 'analysis', text: 'Text here.' }],
			['/texts/TEXT?/annotate', { sentence: '1', kind: 'claim', attribution: 'none', note: 'Plain.' }],
			['/texts/TEXT?/annotate', { sentence: '2', kind: 'framing', attribution: 'none', note: 'Judges.' }],
			['/texts/TEXT/practice?/propose', {}],
			['/texts/TEXT/practice?/up', { questionId: 'claim-or-framing' }],
			['/texts/TEXT/practice?/down', { questionId: 'claim-or-framing' }],
			['/texts/TEXT/practice?/edit', { questionId: 'claim-or-framing', prompt: 'Label each.', explanation: 'Why.' }],
			['/texts/TEXT/practice?/publish', {}],
			['/texts/TEXT/practice?/drop', { questionId: 'claim-or-framing' }],
			['/texts/TEXT/practice?/discard', {}],
			['/texts/TEXT/edit', { title: 'A text', outlet: 'An outlet', outletAbout: 'A paper.', published: '2026-01-05', genre: 'news rewrite', text: 'One plain sentence. Another one here.' }]
		] as [string, Record<string, string>][]
	).map(([page, form]) => ({
		path: () => `/teach/classes/${classId}${page.replace('TEXT', textId)}`,
		form: () => form,
		expect: { nobody: 'login', guest: 'login', student: 'forbidden', otherInstructor: 'forbidden', owner: 'allowed' } as Record<Actor, Outcome>
	})),
	{
		path: () => `/teach/classes/${classId}/reviews?/review`,
		form: () => ({ attemptId: writtenAttemptId, score: '1', comment: 'Keep going.' }),
		expect: { nobody: 'login', guest: 'login', student: 'forbidden', otherInstructor: 'forbidden', owner: 'allowed' }
	}
];

test('class practice: only students of the class see a published set, and only they can answer it', async () => {
	for (const actor of ['nobody', 'guest'] as const) {
		const response = await actors[actor]!.get(`/practice/${textId}`, { maxRedirects: 0 });
		expect(classify(response.status(), response.headers().location), actor).toBe('login');
	}
	// This worker's text: annotate two sentences, propose and publish (the actions' table may run in another worker).
	for (const [sentence, kind] of [['1', 'claim'], ['2', 'framing']]) {
		await actors.owner!.post(`/teach/classes/${classId}/texts/${textId}?/annotate`, { form: { sentence, kind, attribution: 'none', note: 'A note.' }, headers: { accept: 'text/html' }, maxRedirects: 0 });
	}
	await actors.owner!.post(`/teach/classes/${classId}/texts/${textId}/practice?/propose`, { form: {}, headers: { accept: 'text/html' } });
	const published = await actors.owner!.post(`/teach/classes/${classId}/texts/${textId}/practice?/publish`, { form: {}, headers: { accept: 'text/html' } });
	expect(await published.text()).toContain('Published');
	const outsider = await context();
	await signUp(outsider, 'student');
	for (const [who, ctx, status] of [
		['a student of another class', outsider, 404],
		['another instructor', actors.otherInstructor!, 404],
		['the class’s student', actors.student!, 200]
	] as const) {
		const response = await ctx.get(`/practice/${textId}`, { maxRedirects: 0 });
		expect(response.status(), who).toBe(status);
		const answer = await ctx.post(`/practice/${textId}?/answer`, { form: { questionId: 'claim-or-framing', 'item-a': 'claim', 'item-b': 'claim' }, headers: { accept: 'text/html' }, maxRedirects: 0 });
		expect(answer.status(), `${who} answers`).toBe(status === 200 ? 303 : 404);
	}
	await outsider.dispose();
});

const order: Actor[] = ['nobody', 'guest', 'student', 'otherInstructor', 'owner'];

for (const route of pages) {
	test(`GET ${route.path() || '/teach/classes/[id]'} for every kind of visitor`, async () => {
		for (const actor of order) {
			const response = await actors[actor]!.get(route.path(), { maxRedirects: 0 });
			expect(classify(response.status(), response.headers().location), `${actor} GET ${route.path()}`).toBe(route.expect[actor]);
		}
	});
}

test('every /teach form action for every kind of visitor', async () => {
	for (const action of actions) {
		for (const actor of order) {
			const response = await actors[actor]!.post(action.path(), {
				form: action.form(),
				headers: { accept: 'text/html' },
				maxRedirects: 0
			});
			expect(classify(response.status(), response.headers().location), `${actor} POST ${action.path()}`).toBe(action.expect[actor]);
		}
	}
});

test('a student can never read another student’s attempts', async () => {
	// The only pages showing attempts are the learner's own (progress, lessons) and the owner's class pages.
	const other = await context();
	await signUp(other, 'student');
	const mine = await (await other.get('/progress')).text();
	expect(mine).toContain('You have not answered any questions yet.');
	const response = await other.get(`/teach/classes/${classId}`, { maxRedirects: 0 });
	expect(response.status()).toBe(403);
	await other.dispose();
});
