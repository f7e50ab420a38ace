// `npm start`: build the app if the build is missing or older than its sources, then serve it.
// The server applies database migrations itself on start (creating data/app.db the first time).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILD_MARKER = 'build/handler.js';
const INPUTS = [
	'src',
	'lessons',
	'static',
	'drizzle',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];

/** Newest modification time (ms) of a file, or of any file under a folder. */
function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = stats.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function run(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const builtAt = existsSync(BUILD_MARKER) ? statSync(BUILD_MARKER).mtimeMs : 0;
const sourcesAt = Math.max(...INPUTS.map(newestMtime));
if (builtAt < sourcesAt) {
	console.log(builtAt === 0 ? 'No build yet: building the app…' : 'Sources changed: rebuilding the app…');
	run('npm', ['run', 'build']);
}

process.env.PORT ??= '3000';
const host = process.env.HOST ?? '0.0.0.0';
console.log(`Starting on http://localhost:${process.env.PORT} (database: ${process.env.DATABASE_URL ?? 'data/app.db'})`);
process.env.HOST = host;
await import('../build/index.js');
