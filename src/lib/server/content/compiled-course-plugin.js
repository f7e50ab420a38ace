// A Vite plugin (vite.config.ts) that compiles the course at build time: it reads and
// validates everything under lessons/ with buildCourse (mdsvex, Svelte's parser, YAML, the
// content checks) and hands the result to the server bundle as the virtual module
// `virtual:compiled-course`, a JSON string that content/index.ts parses once. So the built
// server never loads the compilers, and the course index, questions, quotes and annotations
// always come from the same lessons/ folder as the lesson prose (imported by the lesson page).
// A content mistake fails the build with the ContentError's list of files and ids.
// Plain JavaScript that loads the TypeScript loaders only when the module is built (with tsx),
// so that Vite's config loader does not bundle them into the config.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const COMPILED_COURSE_MODULE = 'virtual:compiled-course';
const RESOLVED_ID = `\0${COMPILED_COURSE_MODULE}`;
const here = import.meta.url;
/** A TypeScript module beside this file, loaded with tsx. @param {string} name */
const loadBeside = (name) => tsImport(pathToFileURL(join(dirname(fileURLToPath(here)), name)).href, here);

/** @param {string} dir */
function filesUnder(dir) {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The module's source: `export default "<the course as JSON>"`. Throws the ContentError
 * (every problem, with file and id) when the content does not validate.
 * @param {string} lessonsDir
 * @returns {Promise<string>}
 */
export async function compiledCourseModule(lessonsDir) {
	const { buildCourse } = await loadBeside('course.ts');
	const { serializeCourse } = await loadBeside('compiled.ts');
	return `export default ${JSON.stringify(serializeCourse(await buildCourse(lessonsDir)))};\n`;
}

/**
 * @param {string} [lessonsDir]
 * @returns {import('vite').Plugin}
 */
export function compiledCourse(lessonsDir = 'lessons') {
	const dir = resolve(lessonsDir);
	return {
		name: 'compiled-course',
		resolveId(source) {
			return source === COMPILED_COURSE_MODULE ? RESOLVED_ID : undefined;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return undefined;
			// In `vite dev` an edited lesson file invalidates the module, so the course is rebuilt.
			for (const file of filesUnder(dir)) this.addWatchFile(file);
			return compiledCourseModule(dir);
		}
	};
}
