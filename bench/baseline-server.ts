// The answer-submission baseline for bench/run.ts: a bare node:http server that reads the
// request body, parses it as a form and stores it with one better-sqlite3 insert, on a database
// opened with the app's pragmas (src/lib/server/db/open.ts). No framework, no grading, no
// session: what any Node server writing one durable row per request costs on this machine.
// Usage: tsx bench/baseline-server.ts <port> <database file>   (GET /healthz answers 200)
import Database from 'better-sqlite3';
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 4395);
const file = process.argv[3];
if (!file) throw new Error('usage: baseline-server.ts <port> <database file>');

const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.exec('create table if not exists answers (id integer primary key, received_at integer not null, response text not null)');
const insert = db.prepare('insert into answers (received_at, response) values (?, ?)');

const server = createServer((request, response) => {
	if (request.method === 'GET' && request.url === '/healthz') {
		response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		return;
	}
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
		const { lastInsertRowid } = insert.run(Date.now(), JSON.stringify(fields));
		const body = JSON.stringify({ type: 'success', id: Number(lastInsertRowid) });
		response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
	});
});

server.listen(port, '127.0.0.1');
const stop = () => server.close(() => (db.close(), process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
