// The production server: adapter-node's request handler (build/handler.js) inside a plain
// node:http server, as in the adapter's "Custom server" docs. It replaces build/index.js so that
// every response carries the security headers: adapter-node serves static files (/_app/immutable/*,
// the favicon, robots.txt) with sirv before SvelteKit's hooks run, so those headers are set here
// first, and SvelteKit's own responses then overwrite or extend them (src/hooks.server.ts).
// Pages and data are compressed here (gzip or Brotli, as the browser asks) with the
// `compression` middleware, so a class of phones on school Wi-Fi gets 15–20 KB lesson pages
// without a proxy; static assets keep their pre-compressed .br/.gz files, which sirv sends
// already encoded (compression leaves a response with a Content-Encoding alone).
// handler.js itself reads ORIGIN, PROTOCOL_HEADER, HOST_HEADER, ADDRESS_HEADER, XFF_DEPTH and
// BODY_SIZE_LIMIT; this file reads PORT and HOST, with build/index.js's defaults.
import compression from 'compression';
import { createServer } from 'node:http';
import zlib from 'node:zlib';
import { handler } from '../build/handler.js';
import { STATIC_HEADERS } from '../src/lib/server/static-headers.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
/** After SIGTERM or SIGINT, requests still running after this long are cut off (as adapter-node's SHUTDOWN_TIMEOUT). */
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000;

let shuttingDown = false;

/**
 * Responses over 1 KB, for clients that accept gzip or Brotli (Brotli at its fast quality 4).
 * Brotli's window is 2^17 bytes (128 KB) instead of its default 4 MB: our largest page is under
 * 100 KB, so it compresses exactly as well, while every response being compressed holds a
 * window's worth of memory (with a class loading pages at once that was tens of MB of RSS).
 */
const compress = compression({ threshold: 1024, brotli: { params: { [zlib.constants.BROTLI_PARAM_LGWIN]: 17 } } });

const server = createServer(async (req, res) => {
	for (const [name, value] of Object.entries(STATIC_HEADERS)) res.setHeader(name, value);
	// While shutting down, a keep-alive connection closes once its request is answered.
	res.on('close', () => {
		if (shuttingDown) server.closeIdleConnections();
	});
	compress(req, res, async () => {
		try {
			// SvelteKit answers every path itself (unknown ones with its 404 page): `next` is a fallback.
			await handler(req, res, () => res.writeHead(404).end('Not found'));
		} catch (error) {
			console.error(error);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		}
	});
});

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

/**
 * Stops accepting connections and lets the requests in flight finish; the process then ends
 * on its own (the database connection holds nothing open).
 * @param {NodeJS.Signals} signal
 */
function shutDown(signal) {
	if (shuttingDown) return;
	shuttingDown = true;
	console.log(`${signal}: finishing the requests in flight, then stopping.`);
	server.close(() => {
		// As build/index.js does, for code that tidies up on this event.
		process.emit(/** @type {any} */ ('sveltekit:shutdown'), signal);
	});
	// Idle keep-alive connections would otherwise hold close() open until they time out.
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs).unref();
}

process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
