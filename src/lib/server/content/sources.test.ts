import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sha256Hex } from './sources';

// The digests of the two seed documents as delivered; the copies in lessons/sources/ must match.
const SEED_DIGESTS = {
	'defapress-2026': 'edc13f4a19a2d0d74cf11754bf2c890c4e241b7d3fa62625532a404dc5e00107',
	'gae-2023': '7700697f7b2fecc3364663459e28f9d27e3659084ebf8aa00a6f0a0f233e21a3'
};

describe('the source documents', () => {
	for (const [id, digest] of Object.entries(SEED_DIGESTS)) {
		it(`${id}.txt is byte-for-byte the seed, and its provenance records that digest`, () => {
			const bytes = readFileSync(resolve('lessons/sources', `${id}.txt`));
			expect(sha256Hex(bytes)).toBe(digest);
			const provenance = parseYaml(readFileSync(resolve('lessons/sources', `${id}.yaml`), 'utf8'));
			expect(provenance.sha256).toBe(digest);
		});
	}

	it('gae-2023 marks where the article body starts and ends by quoting it', () => {
		const provenance = parseYaml(readFileSync(resolve('lessons/sources/gae-2023.yaml'), 'utf8'));
		expect(provenance.body.first).toMatch(/^Geopolitics is a field rife/);
		expect(provenance.body.last).toMatch(/in the multipolar world\.$/);
	});
});
