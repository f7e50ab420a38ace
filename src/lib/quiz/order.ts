// The order a question's options, items or right-hand choices are shown in. Authors tend to
// write the right answer first (or in blocks), so the authored order would give keys away. The
// shown order is a shuffle fixed by a seed made of the question's id and content version: the
// same for every learner and every page view (a cached page stays valid, nothing reorders after
// an answer, an instructor and a class see the same order), and new when the question changes.
// Grading and statistics use ids, never positions.

/** FNV-1a: a small, stable 32-bit hash of a string (also seeds the demo data). */
export function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (const char of text) {
		hash ^= char.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** mulberry32: a seeded pseudo-random generator, uniform enough for a shuffle (and the demo data). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The seed for one question: its id and content version. */
export function orderSeed(questionId: string, version: string): string {
	return `${questionId}@${version}`;
}

/** `items` shuffled (Fisher–Yates) by `seed`; the input is not changed. */
export function shownOrder<T>(items: readonly T[], seed: string): T[] {
	const random = mulberry32(fnv1a(seed));
	const shuffled = [...items];
	for (let i = shuffled.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
	}
	return shuffled;
}
