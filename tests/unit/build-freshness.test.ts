import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildState } from '../../scripts/build-freshness.js';

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): string {
	const root = mkdtempSync(join(tmpdir(), 'course-start-'));
	roots.push(root);
	mkdirSync(join(root, 'src'), { recursive: true });
	writeFileSync(join(root, 'src', 'app.ts'), '');
	return root;
}

function touch(path: string, secondsAgo: number) {
	const when = new Date(Date.now() - secondsAgo * 1000);
	utimesSync(path, when, when);
}

describe('buildState (npm start)', () => {
	it('is missing before the first build', () => {
		expect(buildState(project())).toBe('missing');
	});

	it('is fresh when the build is newer than every source', () => {
		const root = project();
		touch(join(root, 'src', 'app.ts'), 60);
		touch(join(root, 'src'), 60);
		mkdirSync(join(root, 'build'));
		writeFileSync(join(root, 'build', 'handler.js'), '');
		expect(buildState(root)).toBe('fresh');
	});

	it('is stale when a lesson changed after the build', () => {
		const root = project();
		mkdirSync(join(root, 'build'));
		writeFileSync(join(root, 'build', 'handler.js'), '');
		touch(join(root, 'build', 'handler.js'), 60);
		touch(join(root, 'src', 'app.ts'), 120);
		touch(join(root, 'src'), 120);
		mkdirSync(join(root, 'lessons'));
		writeFileSync(join(root, 'lessons', 'lesson.md'), '# new');
		expect(buildState(root)).toBe('stale');
	});
});
