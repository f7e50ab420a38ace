import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { LayoutLoad } from './$types';

// Lesson prose is compiled by mdsvex at build time; each lesson is its own chunk.
const lessonModules = import.meta.glob<{ default: Component }>('/lessons/*/lesson.md');

export const load: LayoutLoad = async ({ data }) => {
	const loadModule = lessonModules[`/lessons/${data.lesson.dir}/lesson.md`];
	if (!loadModule) error(404, 'There is no lesson at this address.');
	const { default: content } = await loadModule();
	return { ...data, content };
};
