import { error } from '@sveltejs/kit';
import { resolve } from 'node:path';
import type { Lesson, Source } from '../../content/types';
import { buildCourse, type Course } from './course';

let coursePromise: Promise<Course> | undefined;

/** The course, read from `LESSONS_DIR` (default `lessons/`) once per process. */
export function getCourse(): Promise<Course> {
	coursePromise ??= buildCourse(resolve(process.env.LESSONS_DIR ?? 'lessons'));
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
