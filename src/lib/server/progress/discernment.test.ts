import { describe, expect, it } from 'vitest';
import { discernmentPatterns } from './discernment';

describe('discernmentPatterns', () => {
	it('names over-flagging and missing from a share of 30% over at least 4 parts', () => {
		expect(discernmentPatterns({ neutral: 10, flagged: 3, framed: 10, missed: 2 })).toEqual(['over-flagging']);
		expect(discernmentPatterns({ neutral: 10, flagged: 2, framed: 10, missed: 3 })).toEqual(['missing']);
		expect(discernmentPatterns({ neutral: 4, flagged: 4, framed: 4, missed: 4 })).toEqual(['over-flagging', 'missing']);
	});

	it('says nothing on too few parts, or on careful reading', () => {
		expect(discernmentPatterns({ neutral: 3, flagged: 3, framed: 3, missed: 3 })).toEqual([]);
		expect(discernmentPatterns({ neutral: 20, flagged: 1, framed: 20, missed: 1 })).toEqual([]);
	});
});
