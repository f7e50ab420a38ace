// `npx tsx bench/profile-answers.ts [seconds=10] [rows=30] [copy.cpuprofile]`: profiles the
// built server's answer path (with PROFILE=page: the lesson page of a learner who has answered it). Starts `node --cpu-prof scripts/serve.js` on 127.0.0.1:4641 with a
// fresh database, posts answers from one guest over 10 connections (autocannon) for the given
// time, stops the server and prints the functions with the most self time (the time spent in
// better-sqlite3's native code, SQLite and the disk included, shows as the self time of the
// JavaScript function that called it). The profile can be kept for Chrome's DevTools.
import autocannon, { type AutocannonResult } from 'autocannon';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { buildCourse } from '../src/lib/server/content/course';
import { publicQuestions } from '../src/lib/server/quiz/answer';
import { sampleAnswer } from '../tests/support/sample-answer';

const PORT = 4641;
const APP = `http://127.0.0.1:${PORT}`;
const seconds = Number(process.argv[2] ?? 10);
const rows = Number(process.argv[3] ?? 30);
const keep = process.argv[4];

const scratch = mkdtempSync(join(os.tmpdir(), 'course-profile-'));
const profiles = join(scratch, 'profiles');
const course = await buildCourse(resolve('lessons'));
const lesson = course.lessons.find((l) => l.dir.startsWith('01-'))!;
const bodies = Object.values(publicQuestions(course, lesson.questionIds)).map((q) => new URLSearchParams(sampleAnswer(q)).toString());

const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--max-semi-space-size=2', 'scripts/serve.js'], {
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: APP,
		DATABASE_URL: join(scratch, 'app.db'),
		ANSWERS_PER_MINUTE: '100000000',
		ANSWERS_PER_MINUTE_PER_ADDRESS: '100000000'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
try {
	for (let tries = 0; ; tries++) {
		try {
			if ((await fetch(`${APP}/healthz`)).ok) break;
		} catch {
			if (tries > 300) throw new Error('the server did not start');
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const path = `/lessons/${lesson.slug}?/answer`;
	const headers = { origin: APP, 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' };
	const first = await fetch(APP + path, { method: 'POST', headers, body: bodies[0] });
	const cookie = first.headers.get('set-cookie')!.match(/session=[^;]+/)![0];
	await first.text();
	for (const body of bodies) await (await fetch(APP + path, { method: 'POST', headers: { ...headers, cookie }, body })).text();
	const page = process.env.PROFILE === 'page';
	const result = await new Promise<AutocannonResult>((done, fail) =>
		autocannon(
			page
				? { url: `${APP}/lessons/${lesson.slug}`, connections: 10, duration: seconds, headers: { cookie } }
				: { url: APP, connections: 10, duration: seconds, requests: bodies.map((body) => ({ method: 'POST', path, headers: { ...headers, cookie }, body })) },
			(error, r) => (error ? fail(error) : done(r))
		)
	);
	console.log(`${page ? 'lesson pages' : 'answers'}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
} finally {
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
}

// Self time per function: each sample's interval goes to the function on top of the stack.
interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}
const file = join(profiles, readdirSync(profiles)[0]);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const sampled = new Map<number, number>();
profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const self = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
	const us = sampled.get(node.id) ?? 0;
	total += us;
	const { functionName, url, lineNumber } = node.callFrame;
	const where = url.replace(/^.*\/(build|node_modules)\//, '$1/').replace(/-[\w-]{8}\.js$/, '.js');
	const key = `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`;
	self.set(key, (self.get(key) ?? 0) + us);
}
console.log(`\n| self ms | share | function |\n|---:|---:|---|`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
	console.log(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} % | ${key} |`);
}
if (keep) copyFileSync(file, keep);
rmSync(scratch, { recursive: true, force: true });
