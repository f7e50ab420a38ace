// Starts the built app on an empty database file, as a newcomer's first `npm start` would.
import { rmSync } from 'node:fs';

const file = process.env.DATABASE_URL;
if (!file) throw new Error('DATABASE_URL must name the test database file');
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
await import('../../scripts/serve.js');
