// The course as the running server gets it: built and validated once, at build time, by the
// Vite plugin in compiled-course-plugin.ts, and carried in the server bundle as one JSON string.
// This file must stay free of the loaders (mdsvex, Svelte's compiler, YAML): it is all the
// server imports of them. Maps travel as lists of entries, the rest is plain JSON already.
import type { Course } from './course';

interface CompiledCourse {
	sources: [string, Course['sources'] extends Map<string, infer S> ? S : never][];
	lessons: Course['lessons'];
	questions: [string, Course['questions'] extends Map<string, infer Q> ? Q : never][];
	glossary: Course['glossary'];
	annotations: [string, Course['annotations'] extends Map<string, infer A> ? A : never][];
}

export function serializeCourse(course: Course): string {
	const compiled: CompiledCourse = {
		sources: [...course.sources],
		lessons: course.lessons,
		questions: [...course.questions],
		glossary: course.glossary,
		annotations: [...course.annotations]
	};
	return JSON.stringify(compiled);
}

export function parseCompiledCourse(json: string): Course {
	const compiled = JSON.parse(json) as CompiledCourse;
	return {
		sources: new Map(compiled.sources),
		lessons: compiled.lessons,
		questions: new Map(compiled.questions),
		glossary: compiled.glossary,
		annotations: new Map(compiled.annotations)
	};
}
