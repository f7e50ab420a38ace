import type { Source } from '../../content/types';
import { unitSpans } from '../../quiz/types/highlight/units';

export interface SourceSentence {
	paragraph: number;
	text: string;
}

/**
 * The sentences of a source's article body, in order, cut the same way highlight questions cut
 * sentences, so annotations and questions talk about the same units.
 */
export function bodySentences(source: Source): SourceSentence[] {
	return source.paragraphs
		.filter((p) => p.region === 'body')
		.flatMap((p) => {
			const text = p.text.trim();
			return unitSpans(text, 'sentence').map((span) => ({ paragraph: p.n, text: text.slice(span.start, span.end) }));
		});
}
