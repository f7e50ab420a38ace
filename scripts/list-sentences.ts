// Prints every sentence of a source's article body, one per line with its paragraph number:
// the units an annotation file must cover. Usage: npx tsx scripts/list-sentences.ts gae-2023
import { resolve } from 'node:path';
import { loadSources } from '../src/lib/server/content/sources';
import { bodySentences } from '../src/lib/server/content/sentences';

const id = process.argv[2];
const sources = loadSources(resolve('lessons'), []);
const source = id ? sources.get(id) : undefined;
if (!source) {
	console.error(`Usage: npx tsx scripts/list-sentences.ts <source id>  (one of: ${[...sources.keys()].join(', ')})`);
	process.exit(1);
}
for (const sentence of bodySentences(source)) console.log(`¶${sentence.paragraph}\t${sentence.text}`);
