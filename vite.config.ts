import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { compiledCourse } from './src/lib/server/content/compiled-course-plugin.js';

export default defineConfig({
	// compiledCourse: lessons/ read, validated and compiled once, at build (not by the running server).
	plugins: [compiledCourse('lessons'), sveltekit()],
	server: {
		// lessons/ lives outside src/: let the dev server read it.
		fs: { allow: ['lessons'] }
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// Server tests open SQLite files and spawn the built server: keep them in separate processes.
		pool: 'forks',
		// Two at a time on this 2-core machine: most server tests wait on the servers they start.
		maxWorkers: 2,
		testTimeout: 60_000
	}
});
