// Pages are compressed by the app itself (scripts/serve.js): Brotli or gzip as the client asks,
// the same page once decoded, and nothing for a client that asks for neither; static assets are
// sent from their pre-compressed files.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverOrigin, startServer, stopped, waitUntilHealthy } from '../support/server';

const PORT = 4386;
const ORIGIN = serverOrigin(PORT);
const dir = mkdtempSync(join(tmpdir(), 'course-compression-'));
let server: ChildProcess;

beforeAll(async () => {
	server = startServer({ port: PORT, databaseFile: join(dir, 'app.db') });
	await waitUntilHealthy(ORIGIN, server);
}, 30_000);

afterAll(async () => {
	server.kill();
	await stopped(server);
	rmSync(dir, { recursive: true, force: true });
});

/** A GET with a chosen Accept-Encoding, the body left as sent (fetch would decode it). */
function get(path: string, acceptEncoding: string): Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }> {
	return new Promise((resolve, reject) => {
		request(`${ORIGIN}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () =>
				resolve({ encoding: response.headers['content-encoding'], vary: response.headers.vary as string | undefined, body: Buffer.concat(chunks) })
			);
		})
			.on('error', reject)
			.end();
	});
}

describe('compressed responses', () => {
	it('send a lesson page as Brotli or gzip, as asked, the same page once decoded', async () => {
		const plain = await get('/lessons/claims-and-framing', 'identity');
		expect(plain.encoding).toBeUndefined();
		const br = await get('/lessons/claims-and-framing', 'gzip, deflate, br');
		expect(br.encoding).toBe('br');
		expect(br.vary).toMatch(/accept-encoding/i);
		expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
		const gzip = await get('/lessons/claims-and-framing', 'gzip');
		expect(gzip.encoding).toBe('gzip');
		expect(gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
		console.log(`lesson page: ${plain.body.length} bytes plain, ${gzip.body.length} gzip, ${br.body.length} Brotli`);
		expect(br.body.length).toBeLessThan(plain.body.length / 3);
	});

	it('send static assets from their pre-compressed files', async () => {
		const page = (await get('/', 'identity')).body.toString();
		const asset = page.match(/\/_app\/immutable\/[^"]+\.js/)![0];
		const br = await get(asset, 'br');
		expect(br.encoding).toBe('br');
		expect(br.body.equals(readFileSync(join('build/client', `${asset}.br`)))).toBe(true);
	});
});
