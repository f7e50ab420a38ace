// The instant checks of a written answer: only what the server can be sure of. Pure functions.

/** Lower case, one kind of apostrophe and quote, single spaces: so "Tehran’s" matches "tehran's". */
export function normalizeText(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[‘’ʼ`´]/g, "'")
		.replace(/[“”„]/g, '"')
		.replace(/[‐‑‒–—]/g, '-')
		.replace(/\s+/g, ' ')
		.trim();
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `phrase` occurs in `text` as whole words, ignoring case: "Bolivia" is in "Bolivia's
 * army" but not in "Bolivian"; "growing" is not in "ingrowing".
 */
export function containsWords(text: string, phrase: string): boolean {
	const wanted = normalizeText(phrase);
	if (wanted === '') return false;
	const pattern = escapeRegExp(wanted).replace(/ /g, '\\s+');
	return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'u').test(normalizeText(text));
}

/** The loaded phrases still in the learner's text, in the order given. */
export function loadedPhrasesKept(text: string, phrases: string[]): string[] {
	return phrases.filter((phrase) => containsWords(text, phrase));
}

export interface RequiredTerm {
	field: string;
	label: string;
	accept: string[];
}

/** The required terms none of whose accepted forms is in the text. */
export function missingTerms(text: string, terms: RequiredTerm[]): RequiredTerm[] {
	return terms.filter((term) => !term.accept.some((form) => containsWords(text, form)));
}

export type AddressCheck =
	/** Nothing that looks like a web address. */
	| { kind: 'not-an-address' }
	/** On the site being checked: reading it vertically, not laterally. */
	| { kind: 'on-site'; host: string }
	/** Elsewhere on the web: what lateral reading asks for. */
	| { kind: 'off-site'; host: string };

/**
 * Reads a web address as a learner types it ("defapress.ir/about", "https://en.wikipedia.org/…")
 * and says whether it is on one of the checked sites: a host equal to a checked name or ending
 * in ".<name>" (a subdomain) is on it.
 */
export function checkAddress(address: string, checkedSites: string[]): AddressCheck {
	const typed = address.trim();
	if (typed === '' || /\s/.test(typed)) return { kind: 'not-an-address' };
	const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed);
	let url: URL;
	try {
		url = new URL(hasScheme ? typed : `https://${typed}`);
	} catch {
		return { kind: 'not-an-address' };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'not-an-address' };
	const host = url.hostname.toLowerCase().replace(/\.$/, '');
	// A host name has a dot and a top-level part of letters ("example.org", not "hello" or "1.5").
	if (!/\.[a-z][a-z0-9-]*$|\.xn--[a-z0-9-]+$/.test(host)) return { kind: 'not-an-address' };
	const onSite = checkedSites.some((site) => {
		const name = site.toLowerCase();
		return host === name || host.endsWith(`.${name}`);
	});
	return onSite ? { kind: 'on-site', host } : { kind: 'off-site', host };
}

/**
 * The loaded phrases of an excerpt: those of the annotated sentences that overlap it, where the
 * phrase itself lies inside the excerpt. Offsets are into the paragraph (or source) text.
 */
export function loadedPhrasesWithin(
	excerpt: { start: number; end: number },
	sentences: { start: number; text: string; loaded: string[] }[]
): string[] {
	const phrases: string[] = [];
	for (const sentence of sentences) {
		const sentenceEnd = sentence.start + sentence.text.length;
		if (sentenceEnd <= excerpt.start || sentence.start >= excerpt.end) continue;
		for (const phrase of sentence.loaded) {
			for (let at = sentence.text.indexOf(phrase); at !== -1; at = sentence.text.indexOf(phrase, at + 1)) {
				const start = sentence.start + at;
				if (start >= excerpt.start && start + phrase.length <= excerpt.end) {
					if (!phrases.includes(phrase)) phrases.push(phrase);
					break;
				}
			}
		}
	}
	return phrases;
}
