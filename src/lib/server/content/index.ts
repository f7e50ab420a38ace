import { error } from '@sveltejs/kit';
import compiledCourse from 'virtual:compiled-course';
import type { Lesson, Source } from '../../content/types';
import { parseCompiledCourse } from './compiled';
import type { Course } from './course';

let coursePromise: Promise<Course> | undefined;

/**
 * The course, compiled from lessons/ when the app was built (compiled-course-plugin.ts) and
 * parsed once per process. To serve other content, change lessons/ and build again.
 */
export function getCourse(): Promise<Course> {
	coursePromise ??= Promise.resolve(parseCompiledCourse(compiledCourse));
	return coursePromise;
}

/** The lesson with this slug, or a 404. */
export async function getLesson(slug: string): Promise<Lesson> {
	const lesson = (await getCourse()).lessons.find((l) => l.slug === slug);
	if (!lesson) error(404, 'There is no lesson at this address.');
	return lesson;
}

/** The source with this id, or a 404. */
export async function getSource(id: string): Promise<Source> {
	const source = (await getCourse()).sources.get(id);
	if (!source) error(404, 'There is no source document at this address.');
	return source;
}
