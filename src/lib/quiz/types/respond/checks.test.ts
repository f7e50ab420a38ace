import { describe, expect, it } from 'vitest';
import { checkAddress, containsWords, loadedPhrasesKept, loadedPhrasesWithin, missingTerms } from './checks';

describe('containsWords', () => {
	it('matches whole words, ignoring case and the kind of apostrophe', () => {
		expect(containsWords('The US asked BOLIVIA to act.', 'Bolivia')).toBe(true);
		expect(containsWords('Bolivia’s army', 'Bolivia')).toBe(true);
		expect(containsWords('the Bolivian government', 'Bolivia')).toBe(false);
		expect(containsWords('an ingrowing nail', 'growing')).toBe(false);
		expect(containsWords("Tehran's  arteries", 'Tehran’s arteries')).toBe(true);
		expect(containsWords('anything', '   ')).toBe(false);
	});

	it('treats the phrase as text, not as a pattern', () => {
		expect(containsWords('cost 3 dollars', 'U.S.')).toBe(false);
		expect(containsWords('the U.S. asked', 'U.S.')).toBe(true);
	});
});

describe('loadedPhrasesKept', () => {
	it('lists the phrases still in the text, in the order given', () => {
		const phrases = ['diplomatic scare tactic', 'growing'];
		expect(loadedPhrasesKept('The growing diplomatic scare tactic', phrases)).toEqual(['diplomatic scare tactic', 'growing']);
		expect(loadedPhrasesKept('The US request shows concern about Iran’s presence.', phrases)).toEqual([]);
	});
});

describe('missingTerms', () => {
	it('counts a term present when any accepted form is there', () => {
		const terms = [
			{ field: 'rewrite', label: 'the country, Bolivia', accept: ['Bolivia', 'Bolivian'] },
			{ field: 'rewrite', label: 'Hezbollah', accept: ['Hezbollah', 'Hizbullah'] }
		];
		expect(missingTerms('The Bolivian government was asked.', terms).map((t) => t.label)).toEqual(['Hezbollah']);
		expect(missingTerms('bolivia and hizbullah', terms)).toEqual([]);
	});
});

describe('checkAddress', () => {
	const sites = ['defapress.ir'];

	it('accepts an address with or without a scheme and reports its host', () => {
		expect(checkAddress('https://en.wikipedia.org/wiki/Defapress', sites)).toEqual({ kind: 'off-site', host: 'en.wikipedia.org' });
		expect(checkAddress('en.wikipedia.org/wiki/Defapress', sites)).toEqual({ kind: 'off-site', host: 'en.wikipedia.org' });
	});

	it('counts the checked site and its subdomains as on the site, but not look-alike names', () => {
		expect(checkAddress('defapress.ir/en/about', sites).kind).toBe('on-site');
		expect(checkAddress('HTTPS://WWW.Defapress.IR/', sites)).toEqual({ kind: 'on-site', host: 'www.defapress.ir' });
		expect(checkAddress('notdefapress.ir', sites).kind).toBe('off-site');
		expect(checkAddress('defapress.ir.example.com', sites).kind).toBe('off-site');
	});

	it('refuses what is not a web address', () => {
		for (const typed of ['', 'I searched Google', 'hello', 'javascript:alert(1)', 'ftp://defapress.ir', '1.5', 'http://']) {
			expect(checkAddress(typed, sites).kind, typed).toBe('not-an-address');
		}
	});
});

describe('loadedPhrasesWithin', () => {
	const sentences = [
		{ start: 0, text: 'It grew. ', loaded: [] },
		{ start: 9, text: 'The diplomatic scare tactic reflects growing concern. ', loaded: ['diplomatic scare tactic', 'growing'] },
		{ start: 63, text: 'Tehran’s arteries matter.', loaded: ['Tehran’s arteries'] }
	];

	it('takes the phrases of overlapping sentences that lie inside the excerpt', () => {
		// The excerpt covers "The diplomatic scare tactic reflects" only.
		expect(loadedPhrasesWithin({ start: 9, end: 9 + 36 }, sentences)).toEqual(['diplomatic scare tactic']);
		expect(loadedPhrasesWithin({ start: 0, end: 88 }, sentences)).toEqual(['diplomatic scare tactic', 'growing', 'Tehran’s arteries']);
		expect(loadedPhrasesWithin({ start: 0, end: 8 }, sentences)).toEqual([]);
	});
});
