import { describe, expect, it } from 'vitest';
import { formatDate, percent, plural, share } from './format';

describe('teacher page formatting', () => {
	it('says 1 part and 2 parts', () => {
		expect([plural(1, 'part'), plural(2, 'part'), plural(0, 'answer'), plural(1200, 'answer'), plural(2, 'try', 'tries')]).toEqual([
			'1 part',
			'2 parts',
			'0 answers',
			'1,200 answers',
			'2 tries'
		]);
	});

	it('writes dates that cannot be misread, in the time zone asked for', () => {
		const ms = Date.UTC(2026, 11, 1, 23, 30);
		expect(formatDate(ms, { timeZone: 'UTC' })).toBe('1 Dec 2026, 23:30');
		expect(formatDate(ms, { timeZone: 'UTC', time: false })).toBe('1 Dec 2026');
		// The same moment is already the next day in Auckland.
		expect(formatDate(ms, { timeZone: 'Pacific/Auckland' })).toBe('2 Dec 2026, 12:30');
	});

	it('writes shares and percentages, and a dash for nothing', () => {
		expect([percent(0.214), percent(null), share(3, 14), share(0, 0)]).toEqual(['21%', '—', '3 of 14 (21%)', '—']);
	});
});
