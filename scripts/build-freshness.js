// Decides whether `npm start` must (re)build: when the build is missing or any input is newer.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_MARKER = 'build/handler.js';
export const BUILD_INPUTS = [
	'src',
	'lessons',
	'static',
	'drizzle',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];

/** Newest modification time (ms) of a file, or of anything under a folder; 0 if absent. */
export function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = stats.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

/** 'missing', 'stale' or 'fresh' for the project at `root`. */
export function buildState(root = '.') {
	const marker = join(root, BUILD_MARKER);
	if (!existsSync(marker)) return 'missing';
	const builtAt = statSync(marker).mtimeMs;
	const sourcesAt = Math.max(...BUILD_INPUTS.map((input) => newestMtime(join(root, input))));
	return sourcesAt > builtAt ? 'stale' : 'fresh';
}
