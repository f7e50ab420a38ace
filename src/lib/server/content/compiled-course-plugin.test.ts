import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCompiledCourse } from './compiled';
import { COMPILED_COURSE_MODULE, compiledCourse, compiledCourseModule } from './compiled-course-plugin.js';
import { buildCourse } from './course';

const FIXTURE = resolve('tests/fixtures/content/valid');
const copies: string[] = [];
afterEach(() => {
	for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The JSON string the generated module exports (it is `export default "<json>";`). */
function exported(source: string): string {
	const match = /^export default (".*");\n$/s.exec(source);
	if (!match) throw new Error(`unexpected module source: ${source.slice(0, 80)}`);
	return JSON.parse(match[1]) as string;
}

describe('the course compiled at build', () => {
	it('parses back to the course buildCourse reads from lessons/ (maps, quotes, sections, annotations)', async () => {
		const direct = await buildCourse(resolve('lessons'));
		const compiled = parseCompiledCourse(exported(await compiledCourseModule(resolve('lessons'))));
		expect(compiled).toEqual(direct);
		expect(compiled.questions).toBeInstanceOf(Map);
		expect(compiled.sources.get('defapress-2026')?.paragraphs.length).toBeGreaterThan(0);
	});

	it('fails the build on a content mistake, naming the file and the id', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'compiled-course-'));
		copies.push(dir);
		cpSync(FIXTURE, dir, { recursive: true });
		const questions = join(dir, '01-first-steps', 'questions.yaml');
		writeFileSync(questions, readFileSync(questions, 'utf8').replace('type: choice', 'type: no-such-type'));
		await expect(compiledCourseModule(dir)).rejects.toThrow('01-first-steps/questions.yaml [fixture-one]');
	});

	it('is the virtual module the server imports, and nothing else', async () => {
		const plugin = compiledCourse(FIXTURE);
		const resolveId = plugin.resolveId as (source: string) => string | undefined;
		expect(resolveId(COMPILED_COURSE_MODULE)).toBe(`\0${COMPILED_COURSE_MODULE}`);
		expect(resolveId('./something-else')).toBeUndefined();
		const watched: string[] = [];
		const load = plugin.load as (this: { addWatchFile(file: string): void }, id: string) => Promise<string | undefined>;
		const source = await load.call({ addWatchFile: (file) => watched.push(file) }, `\0${COMPILED_COURSE_MODULE}`);
		expect(parseCompiledCourse(exported(source!)).lessons.map((l) => l.slug)).toEqual(['first-steps', 'second-look']);
		expect(watched).toContain(join(FIXTURE, '01-first-steps', 'lesson.md'));
		expect(await load.call({ addWatchFile: () => {} }, 'other')).toBeUndefined();
	});
});
