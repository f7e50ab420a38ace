/**
 * Item analysis for the instructor dashboard: pure statistics, no database.
 *
 * Definitions follow Moodle's quiz statistics report ("Quiz statistics calculations",
 * docs.moodle.org/dev, and question/classes/statistics/questions/calculator.php):
 *
 * - x_i = a student's score on the item (first attempt, 0..1, so max mark = 1);
 *   y_i = the same student's rest-of-test score (their total minus x_i), over the
 *   n students who attempted the item. Students who did not attempt the item are
 *   left out of that item's statistics (they are not counted as 0).
 * - Facility F = 100 · mean(x).
 * - SD = 100 · sqrt(Σ(x_i − x̄)² / (n − 1))  (sample SD, as Moodle).
 * - Discrimination index D = 100 · r(x, y)
 *     = 100 · Σ(x_i − x̄)(y_i − ȳ) / sqrt(Σ(x_i − x̄)² · Σ(y_i − ȳ)²).
 *   Null when n < 2 or either variance is 0.
 * - Discriminative efficiency E = 100 · C(x, y) / C_max(x, y), where C_max is the
 *   covariance obtained by sorting x and y independently (both ascending) and
 *   pairing them up: the largest covariance possible with those two sets of values.
 *   Null when n < 2 or C_max is 0.
 * - Statistically dubious when E < 15 or D < 0 (a null never is). Moodle itself
 *   marks an item as dubious on E < 15; D < 0 is our extra, explicit rule.
 * - Flagged for review when dubious and answered by at least MIN_FIRST_ATTEMPTS students:
 *   on a handful of first attempts the figures swing with one student, and a teacher would
 *   be sent to fix a question that is fine.
 */

export interface ItemResponses {
	itemId: string;
	/** One entry per student who attempted the item: their FIRST-attempt score, 0..1. */
	scores: { studentId: string | number; score: number }[];
}

export interface ItemStatistics {
	itemId: string;
	/** Number of students who attempted the item. */
	attempts: number;
	/** 100 × mean score; null when nobody attempted the item. */
	facility: number | null;
	/** 100 × sample SD of the scores; null with fewer than 2 attempts. */
	sd: number | null;
	/** 100 × Pearson r(item score, rest-of-test score); null when undefined. */
	discrimination: number | null;
	/** 100 × cov(item, rest) / max achievable cov; null when undefined. */
	efficiency: number | null;
	/** At least MIN_FIRST_ATTEMPTS first attempts: enough to judge the question by. */
	enoughAnswers: boolean;
	/** Enough answers, and efficiency < 15 or discrimination < 0. */
	flagged: boolean;
}

/** Below this an accumulated sum of squares / cross-products counts as zero (float noise). */
const EPSILON = 1e-12;

/** E below this percentage flags the item (Moodle's "dubious question" threshold). */
export const EFFICIENCY_THRESHOLD = 15;

/** No question is judged (flagged, or given advice) on fewer first attempts than this. */
export const MIN_FIRST_ATTEMPTS = 10;

/** E < 15 or D < 0, whatever the number of answers (nulls never are). */
export function statisticallyDubious(stats: { efficiency: number | null; discrimination: number | null }): boolean {
	return (stats.efficiency !== null && stats.efficiency < EFFICIENCY_THRESHOLD) || (stats.discrimination !== null && stats.discrimination < 0);
}

/** Plain arrays in tests, typed arrays (faster to fill and to sort) for a real class. */
type Numbers = ArrayLike<number>;

function mean(xs: Numbers): number {
	let sum = 0;
	for (let i = 0; i < xs.length; i++) sum += xs[i];
	return sum / xs.length;
}

const clamp1 = (r: number) => Math.max(-1, Math.min(1, r));

/** Σ(x_i − x̄)(y_i − ȳ): the (n − 1)-scaled covariance, which cancels out of r and E. */
function crossSum(xs: Numbers, ys: Numbers): number {
	const mx = mean(xs);
	const my = mean(ys);
	let sum = 0;
	for (let i = 0; i < xs.length; i++) sum += (xs[i] - mx) * (ys[i] - my);
	return sum;
}

function checkLengths(xs: Numbers, ys: Numbers) {
	if (xs.length !== ys.length) {
		throw new RangeError(`pearson: lists differ in length (${xs.length} vs ${ys.length})`);
	}
}

/** Sample standard deviation (n − 1 denominator), or null with fewer than 2 values. */
export function sampleSd(xs: Numbers): number | null {
	if (xs.length < 2) return null;
	const sxx = crossSum(xs, xs);
	return sxx <= EPSILON ? 0 : Math.sqrt(sxx / (xs.length - 1));
}

/**
 * Pearson correlation coefficient r in [−1, 1], or null when it is undefined
 * (fewer than 2 pairs, or either list has zero variance).
 */
export function pearson(xs: Numbers, ys: Numbers): number | null {
	checkLengths(xs, ys);
	if (xs.length < 2) return null;
	const sxx = crossSum(xs, xs);
	const syy = crossSum(ys, ys);
	if (sxx <= EPSILON || syy <= EPSILON) return null;
	return clamp1(crossSum(xs, ys) / Math.sqrt(sxx * syy));
}

/**
 * cov(x, y) / cov_max(x, y) in [−1, 1], where cov_max pairs the sorted x with the
 * sorted y. Null with fewer than 2 pairs or when cov_max is 0.
 */
function efficiencyRatio(xs: Numbers, ys: Numbers): number | null {
	checkLengths(xs, ys);
	if (xs.length < 2) return null;
	// Typed arrays sort numerically, ascending, without a comparator. (This sort is the one part
	// of the item analysis that grows faster than the class: n log n.)
	const max = crossSum(new Float64Array(xs).sort(), new Float64Array(ys).sort());
	if (max <= EPSILON) return null;
	return clamp1(crossSum(xs, ys) / max);
}

const percent = (v: number | null) => (v === null ? null : 100 * v);

/**
 * Statistics for every item, hardest first (lowest facility first; items nobody
 * attempted last; ties keep the input order).
 *
 * A student's rest-of-test score for an item is the sum of their scores on all the
 * OTHER items in `items` that they attempted. If a student appears more than once
 * for an item, the first entry is used (it is meant to be the first attempt).
 *
 * This is the reference form, checked against hand computation. The dashboard builds the
 * same columns straight from its packed rows (items.ts) and is tested against this.
 */
export function itemStatistics(items: ItemResponses[]): ItemStatistics[] {
	const perItem = items.map(({ itemId, scores }) => {
		const byStudent = new Map<string | number, number>();
		for (const { studentId, score } of scores) {
			if (!Number.isFinite(score)) {
				throw new RangeError(`itemStatistics: score for ${studentId} on ${itemId} is not a number`);
			}
			if (!byStudent.has(studentId)) byStudent.set(studentId, score);
		}
		return byStudent;
	});

	const totals = new Map<string | number, number>();
	for (const byStudent of perItem) {
		for (const [studentId, score] of byStudent) {
			totals.set(studentId, (totals.get(studentId) ?? 0) + score);
		}
	}

	const stats = items.map((item, index): ItemStatistics => {
		const attempts = perItem[index].size;
		const xs = new Float64Array(attempts);
		const ys = new Float64Array(attempts);
		let i = 0;
		for (const [studentId, score] of perItem[index]) {
			xs[i] = score;
			ys[i] = totals.get(studentId)! - score;
			i++;
		}
		return columnStatistics(item.itemId, xs, ys);
	});
	return hardestFirst(stats);
}

/**
 * One item's statistics from its columns: `xs` the students' scores on the item, `ys` the same
 * students' rest-of-test scores, in the same order. (itemStatistics builds these columns; the
 * dashboard builds them straight from its packed rows.)
 */
export function columnStatistics(itemId: string, xs: Numbers, ys: Numbers): ItemStatistics {
	const attempts = xs.length;
	const facility = attempts === 0 ? null : 100 * mean(xs);
	const sd = percent(sampleSd(xs));
	const discrimination = percent(pearson(xs, ys));
	const efficiency = percent(efficiencyRatio(xs, ys));
	const enoughAnswers = attempts >= MIN_FIRST_ATTEMPTS;
	const flagged = enoughAnswers && statisticallyDubious({ efficiency, discrimination });
	return { itemId, attempts, facility, sd, discrimination, efficiency, enoughAnswers, flagged };
}

/** Lowest facility first; items nobody attempted last; ties keep their order (the sort is stable). */
export function hardestFirst(stats: ItemStatistics[]): ItemStatistics[] {
	return stats.sort((a, b) => {
		if (a.facility === null || b.facility === null) {
			return (a.facility === null ? 1 : 0) - (b.facility === null ? 1 : 0);
		}
		return a.facility - b.facility;
	});
}

