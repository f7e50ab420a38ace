// The built server never loads the content compilers: the course is compiled at build time
// (src/lib/server/content/compiled-course-plugin.ts), so mdsvex, Svelte's compiler (and its
// parser acorn) are not in the server bundle, and the running server does not import them, nor
// the YAML reader, while it serves a lesson, a source, the glossary and an answer. (YAML may be in
// the bundle: instructors export and import class texts as the course's .yaml files.)
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/lib/server/content/course';
import { publicQuestions } from '../../src/lib/server/quiz/answer';
import { sampleAnswer } from '../support/sample-answer';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORT = 4640;
const ORIGIN = serverOrigin(PORT);
const dir = mkdtempSync(join(tmpdir(), 'course-lean-'));
const importLog = join(dir, 'imports.log');
/** Packages only the build may use: the course's compilers and readers. */
const BUILD_ONLY = /\/node_modules\/(mdsvex|acorn|yaml)\/|\/node_modules\/svelte\/src\/compiler\//;
let server: ChildProcess;

/** A module hook that writes the URL of every module the server imports, one per line. */
function writeImportRecorder(): string {
	const hooks = join(dir, 'hooks.mjs');
	writeFileSync(
		hooks,
		`import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
	const result = await next(specifier, context);
	appendFileSync(${JSON.stringify(importLog)}, result.url + '\\n');
	return result;
}
`
	);
	const register = join(dir, 'register.mjs');
	writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
	return register;
}

beforeAll(async () => {
	const register = writeImportRecorder();
	server = startServer({ port: PORT, databaseFile: join(dir, 'app.db'), env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}` } });
	await waitUntilHealthy(ORIGIN, server);
}, 30_000);

afterAll(async () => {
	server.kill();
	await stopped(server);
	rmSync(dir, { recursive: true, force: true });
});

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
		.map((entry) => join(entry.parentPath, entry.name));
}

describe('the built server', () => {
	it('has no import of mdsvex, Svelte’s compiler or acorn in its bundle', () => {
		const files = [...filesUnder(resolve('build/server')), ...['handler.js', 'index.js'].map((f) => resolve('build', f))];
		expect(files.length).toBeGreaterThan(10);
		const importsOf = (code: string) => [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^"'./][^"']*)["']/g)].map((m) => m[1]);
		const offending = files.flatMap((file) =>
			importsOf(readFileSync(file, 'utf8'))
				.filter((specifier) => /^(mdsvex|acorn|svelte\/compiler)(\/|$)/.test(specifier))
				.map((specifier) => `${file}: ${specifier}`)
		);
		expect(offending).toEqual([]);
	});

	it('serves a lesson, a source, the glossary and an answer without importing them', async () => {
		const course = await buildCourse(resolve('lessons'));
		const lesson = course.lessons.find((l) => l.questionIds.length > 0 && !l.diagnostic)!;
		for (const path of ['/', `/lessons/${lesson.slug}`, `/sources/${lesson.sources[0]}`, '/glossary']) {
			const response = await fetch(`${ORIGIN}${path}`);
			expect(response.status, path).toBe(200);
		}
		const question = Object.values(publicQuestions(course, lesson.questionIds))[0];
		const answer = await fetch(`${ORIGIN}/lessons/${lesson.slug}?/answer`, {
			method: 'POST',
			headers: { origin: ORIGIN, 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(sampleAnswer(question))
		});
		expect(await answer.json()).toMatchObject({ type: 'success' });

		const imported = readFileSync(importLog, 'utf8').split('\n').filter(Boolean);
		// The recorder works: it saw the server's own chunks and its database driver.
		expect(imported.some((url) => url.includes('/build/server/chunks/'))).toBe(true);
		expect(imported.some((url) => url.includes('/node_modules/better-sqlite3/'))).toBe(true);
		expect(imported.filter((url) => BUILD_ONLY.test(url))).toEqual([]);
	});
});
