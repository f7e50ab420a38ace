// `npm start`: build the app if the build is missing or older than its sources, then serve it.
// package.json runs it with --max-semi-space-size=2: V8's young generation then stays at 2 MB a
// half instead of growing to 16, which keeps the server's memory under 200 MB under load at
// no measurable cost in speed (see npm run bench).
// The server applies database migrations itself on start (creating data/app.db the first time).
import { spawnSync } from 'node:child_process';
import { buildState } from './build-freshness.js';
import { databaseLabel } from './database-label.js';

const state = buildState();
if (state !== 'fresh') {
	console.log(state === 'missing' ? 'No build yet: building the app…' : 'Sources changed: rebuilding the app…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
// Without ORIGIN the Node adapter assumes https, which breaks form posts and cookies on plain
// http://localhost. Behind a proxy or on another address, set ORIGIN to the public URL.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Serving the course on http://localhost:${process.env.PORT} (database: ${databaseLabel()})`);
// The built app inside our own small server, which adds the security headers to static files too.
await import('./serve.js');
