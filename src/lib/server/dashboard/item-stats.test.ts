import { describe, expect, it } from 'vitest';
import { itemStatistics, MIN_FIRST_ATTEMPTS, pearson, sampleSd, statisticallyDubious, type ItemResponses, type ItemStatistics } from './item-stats';

/**
 * Builds the input from a student × item table. A missing cell means the student
 * did not attempt the item. Items come out in the order of `itemIds`.
 */
function table(itemIds: string[], rows: Record<string, Record<string, number>>): ItemResponses[] {
	return itemIds.map((itemId) => ({
		itemId,
		scores: Object.entries(rows)
			.filter(([, row]) => itemId in row)
			.map(([studentId, row]) => ({ studentId, score: row[itemId] }))
	}));
}

function byId(stats: ItemStatistics[], itemId: string): ItemStatistics {
	const found = stats.find((s) => s.itemId === itemId);
	if (!found) throw new Error(`no statistics for ${itemId}`);
	return found;
}

describe('sampleSd', () => {
	it('uses the n − 1 denominator', () => {
		// mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32 / 7 = 4.5714…; √ = 2.13809
		expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 10);
		expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.13809, 5);
		// [0, 1]: mean 0.5, squares 0.25 + 0.25 = 0.5, / 1 → √0.5
		expect(sampleSd([0, 1])).toBeCloseTo(Math.SQRT1_2, 10);
	});

	it('is null below 2 values and exactly 0 for constant values', () => {
		expect(sampleSd([])).toBeNull();
		expect(sampleSd([0.7])).toBeNull();
		expect(sampleSd([1, 1, 1])).toBe(0);
		// 0.1 has no exact binary form: float noise must still give 0, not 1e-17.
		expect(sampleSd([0.1, 0.1, 0.1])).toBe(0);
	});
});

describe('pearson', () => {
	it('is ±1 for exact linear relations', () => {
		expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
		expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
	});

	it('matches a hand-computed value', () => {
		// x = [1,2,3,4], y = [1,3,2,4]; both means 2.5
		// dx = [-1.5,-0.5,0.5,1.5], dy = [-1.5,0.5,-0.5,1.5]
		// Σdx·dy = 2.25 − 0.25 − 0.25 + 2.25 = 4; Σdx² = Σdy² = 2.25+0.25+0.25+2.25 = 5
		// r = 4 / √(5·5) = 0.8
		expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 10);
	});

	it('is null when undefined', () => {
		expect(pearson([], [])).toBeNull();
		expect(pearson([1], [1])).toBeNull();
		expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull(); // x has no variance
		expect(pearson([0, 1, 0], [2, 2, 2])).toBeNull(); // y has no variance
	});

	it('rejects lists of different lengths', () => {
		expect(() => pearson([1, 2], [1, 2, 3])).toThrow(RangeError);
	});
});

describe('itemStatistics', () => {
	it('computes F, SD, D and E for a 5-student × 3-item class', () => {
		//        q1 q2 q3 | total
		//   s1    1  1  1 |  3
		//   s2    1  1  0 |  2
		//   s3    1  0  1 |  2
		//   s4    0  1  0 |  1
		//   s5    0  0  0 |  0
		const stats = itemStatistics(
			table(['q1', 'q2', 'q3'], {
				s1: { q1: 1, q2: 1, q3: 1 },
				s2: { q1: 1, q2: 1, q3: 0 },
				s3: { q1: 1, q2: 0, q3: 1 },
				s4: { q1: 0, q2: 1, q3: 0 },
				s5: { q1: 0, q2: 0, q3: 0 }
			})
		);

		// q1: x = [1,1,1,0,0], rest y = q2+q3 = [2,1,1,1,0]
		//   x̄ = 0.6 → F = 60; dx = [.4,.4,.4,-.6,-.6], Σdx² = 3·.16 + 2·.36 = 1.2
		//   SD = √(1.2/4) = √0.3 = 0.547723 → 54.7723
		//   ȳ = 1; dy = [1,0,0,0,-1], Σdy² = 2; Σdx·dy = .4 + .6 = 1.0
		//   D = 100 · 1.0/√(1.2·2) = 100 · 0.645497 = 64.5497
		//   sorted x [0,0,1,1,1] (dx -.6,-.6,.4,.4,.4), sorted y [0,1,1,1,2] (dy -1,0,0,0,1)
		//   Σ = .6 + 0 + 0 + 0 + .4 = 1.0 = Σdx·dy → E = 100
		const q1 = byId(stats, 'q1');
		expect(q1.attempts).toBe(5);
		expect(q1.facility).toBeCloseTo(60, 6);
		expect(q1.sd).toBeCloseTo(54.7723, 3);
		expect(q1.discrimination).toBeCloseTo(64.5497, 3);
		expect(q1.efficiency).toBeCloseTo(100, 6);
		expect(q1.flagged).toBe(false);

		// q2: x = [1,1,0,1,0], rest y = q1+q3 = [2,1,2,0,0]
		//   x̄ = 0.6 → F = 60; SD as q1 = 54.7723
		//   ȳ = 1; dx = [.4,.4,-.6,.4,-.6], dy = [1,0,1,-1,-1]
		//   Σdx·dy = .4 + 0 − .6 − .4 + .6 = 0 → D = 0
		//   sorted: dx [-.6,-.6,.4,.4,.4], y [0,0,1,2,2] → dy [-1,-1,0,1,1]
		//   C_max sum = .6+.6+0+.4+.4 = 2.0 → E = 0/2.0 = 0 → flagged (E < 15), though D is not < 0
		const q2 = byId(stats, 'q2');
		expect(q2.facility).toBeCloseTo(60, 6);
		expect(q2.sd).toBeCloseTo(54.7723, 3);
		expect(q2.discrimination).toBeCloseTo(0, 6);
		expect(q2.efficiency).toBeCloseTo(0, 6);
		expect(statisticallyDubious(q2)).toBe(true);
		expect(q2.flagged).toBe(false); // five first attempts are too few to flag on

		// q3: x = [1,0,1,0,0], rest y = q1+q2 = [2,2,1,1,0]
		//   x̄ = 0.4 → F = 40; dx = [.6,-.4,.6,-.4,-.4], Σdx² = 2·.36 + 3·.16 = 1.2 → SD 54.7723
		//   ȳ = 1.2; dy = [.8,.8,-.2,-.2,-1.2], Σdy² = .64+.64+.04+.04+1.44 = 2.8
		//   Σdx·dy = .48 − .32 − .12 + .08 + .48 = 0.6
		//   D = 100 · 0.6/√(1.2·2.8) = 100 · 0.6/√3.36 = 32.7327
		//   sorted: dx [-.4,-.4,-.4,.6,.6], y [0,1,1,2,2] → dy [-1.2,-.2,-.2,.8,.8]
		//   C_max sum = .48+.08+.08+.48+.48 = 1.6 → E = 100 · 0.6/1.6 = 37.5
		const q3 = byId(stats, 'q3');
		expect(q3.facility).toBeCloseTo(40, 6);
		expect(q3.sd).toBeCloseTo(54.7723, 3);
		expect(q3.discrimination).toBeCloseTo(32.7327, 3);
		expect(q3.efficiency).toBeCloseTo(37.5, 6);
		expect(q3.flagged).toBe(false);

		// Hardest first: q3 (40), then q1 and q2 (60, input order kept).
		expect(stats.map((s) => s.itemId)).toEqual(['q3', 'q1', 'q2']);
	});

	it('gives D = 100 and E = 100 for a perfectly discriminating item; SD 0 leaves D null and unflagged', () => {
		//        a  b  all | total
		//   s1   1  1   1  |  3
		//   s2   1  1   1  |  3
		//   s3   0  0   1  |  1
		//   s4   0  0   1  |  1
		const stats = itemStatistics(
			table(['a', 'b', 'all'], {
				s1: { a: 1, b: 1, all: 1 },
				s2: { a: 1, b: 1, all: 1 },
				s3: { a: 0, b: 0, all: 1 },
				s4: { a: 0, b: 0, all: 1 }
			})
		);

		// a: x = [1,1,0,0], rest y = b + all = [2,2,1,1] = 1 + x exactly
		//   F = 50; dx = ±.5, Σdx² = 1 → SD = √(1/3) = 0.57735 → 57.735
		//   dy = ±.5, Σdx·dy = 4·.25 = 1 → D = 100 · 1/√(1·1) = 100
		//   sorting changes nothing (already in matching order) → C_max = C → E = 100
		const a = byId(stats, 'a');
		expect(a.facility).toBeCloseTo(50, 6);
		expect(a.sd).toBeCloseTo(57.735, 3);
		expect(a.discrimination).toBeCloseTo(100, 6);
		expect(a.efficiency).toBeCloseTo(100, 6);
		expect(a.flagged).toBe(false);
		// b is the mirror image of a.
		expect(byId(stats, 'b').discrimination).toBeCloseTo(100, 6);

		// all: x = [1,1,1,1] → F = 100, Σdx² = 0 → SD = 0, D undefined (null);
		//   every dx is 0, so C_max = 0 too → E null. Nulls never flag.
		const all = byId(stats, 'all');
		expect(all).toEqual({
			itemId: 'all',
			attempts: 4,
			facility: 100,
			sd: 0,
			discrimination: null,
			efficiency: null,
			enoughAnswers: false,
			flagged: false
		});
	});

	it('gives a reverse item a negative D and flags it', () => {
		//        a  b  rev | total
		//   s1   1  1   0  |  2
		//   s2   1  1   0  |  2
		//   s3   1  0   1  |  2
		//   s4   0  0   1  |  1
		const stats = itemStatistics(
			table(['a', 'b', 'rev'], {
				s1: { a: 1, b: 1, rev: 0 },
				s2: { a: 1, b: 1, rev: 0 },
				s3: { a: 1, b: 0, rev: 1 },
				s4: { a: 0, b: 0, rev: 1 }
			})
		);

		// rev: x = [0,0,1,1], rest y = a + b = [2,2,1,0]
		//   F = 50; dx = [-.5,-.5,.5,.5], Σdx² = 1
		//   ȳ = 1.25; dy = [.75,.75,-.25,-1.25], Σdy² = .5625+.5625+.0625+1.5625 = 2.75
		//   Σdx·dy = -.375 − .375 − .125 − .625 = -1.5
		//   D = 100 · -1.5/√(1·2.75) = 100 · -1.5/1.658312 = -90.4534
		//   sorted: dx [-.5,-.5,.5,.5], y [0,1,2,2] → dy [-1.25,-.25,.75,.75]
		//   C_max sum = .625+.125+.375+.375 = 1.5 → E = 100 · -1.5/1.5 = -100
		const rev = byId(stats, 'rev');
		expect(rev.facility).toBeCloseTo(50, 6);
		expect(rev.discrimination).toBeCloseTo(-90.4534, 3);
		expect(rev.efficiency).toBeCloseTo(-100, 6);
		expect(statisticallyDubious(rev)).toBe(true);
		expect(rev.flagged).toBe(false); // four first attempts are too few to flag on
	});

	it('flags a dubious question once at least 10 students answered it, and not before', () => {
		// The reverse item's class three times over: 12 students, the same r and E.
		const rows = { s1: { a: 1, b: 1, rev: 0 }, s2: { a: 1, b: 1, rev: 0 }, s3: { a: 1, b: 0, rev: 1 }, s4: { a: 0, b: 0, rev: 1 } };
		const copies = (n: number) =>
			Object.fromEntries(Array.from({ length: n }, (_, copy) => Object.entries(rows).map(([id, row]) => [`${id}-${copy}`, row])).flat());
		const twelve = byId(itemStatistics(table(['a', 'b', 'rev'], copies(3))), 'rev');
		expect(MIN_FIRST_ATTEMPTS).toBe(10);
		expect(twelve.attempts).toBe(12);
		expect(twelve.discrimination).toBeCloseTo(-90.4534, 3);
		expect(twelve).toMatchObject({ enoughAnswers: true, flagged: true });
		const eight = byId(itemStatistics(table(['a', 'b', 'rev'], copies(2))), 'rev');
		expect(eight).toMatchObject({ attempts: 8, enoughAnswers: false, flagged: false });
	});

	it('leaves SD, D and E null with fewer than 2 attempts', () => {
		const stats = itemStatistics([
			{ itemId: 'common', scores: [{ studentId: 's1', score: 1 }, { studentId: 's2', score: 0 }] },
			{ itemId: 'once', scores: [{ studentId: 's1', score: 0.5 }] },
			{ itemId: 'never', scores: [] }
		]);

		// once: one attempt, score 0.5 → F = 50; nothing else is defined.
		expect(byId(stats, 'once')).toEqual({
			itemId: 'once',
			attempts: 1,
			facility: 50,
			sd: null,
			discrimination: null,
			efficiency: null,
			enoughAnswers: false,
			flagged: false
		});
		// never: no attempts at all → even F is null.
		expect(byId(stats, 'never')).toEqual({
			itemId: 'never',
			attempts: 0,
			facility: null,
			sd: null,
			discrimination: null,
			efficiency: null,
			enoughAnswers: false,
			flagged: false
		});
	});

	it('uses only the students who attempted each item, and only their attempted items for the rest score', () => {
		//        x  y    z   | total
		//   s1   1  1    –   |  2
		//   s2   1  0    1   |  2
		//   s3   0  0   0.5  |  0.5
		//   s4   0  –    0   |  0
		const stats = itemStatistics(
			table(['x', 'y', 'z'], {
				s1: { x: 1, y: 1 },
				s2: { x: 1, y: 0, z: 1 },
				s3: { x: 0, y: 0, z: 0.5 },
				s4: { x: 0, z: 0 }
			})
		);

		// y: attempted by s1..s3 only (s4 is left out, not counted as 0)
		//   x = [1,0,0] → F = 100/3 = 33.333 (it would be 25 if s4 counted as 0)
		//   dx = [2/3,-1/3,-1/3], Σdx² = 6/9 = 2/3 → SD = √(1/3) → 57.735
		//   rest = [x+z] = [1+0, 1+1, 0+0.5] = [1,2,0.5], ȳ = 7/6, dy = [-1/6,5/6,-4/6], Σdy² = 42/36 = 7/6
		//   Σdx·dy = -2/18 − 5/18 + 4/18 = -1/6
		//   D = 100 · (-1/6)/√((2/3)(7/6)) = 100 · -1/(2√7) = -18.8982
		//   sorted: dx [-1/3,-1/3,2/3], rest [0.5,1,2] → dy [-4/6,-1/6,5/6]
		//   C_max sum = 4/18 + 1/18 + 10/18 = 5/6 → E = 100 · (-1/6)/(5/6) = -20 → flagged
		const y = byId(stats, 'y');
		expect(y.attempts).toBe(3);
		expect(y.facility).toBeCloseTo(33.3333, 3);
		expect(y.sd).toBeCloseTo(57.735, 3);
		expect(y.discrimination).toBeCloseTo(-18.8982, 3);
		expect(y.efficiency).toBeCloseTo(-20, 6);
		expect(statisticallyDubious(y)).toBe(true);
		expect(y.flagged).toBe(false); // three first attempts are too few to flag on

		// z: attempted by s2..s4, with partial credit
		//   x = [1,0.5,0] → F = 50; dx = [.5,0,-.5], Σdx² = .5 → SD = √(.5/2) = .5 → 50
		//   rest = [x+y] = [1+0, 0+0, 0] = [1,0,0], ȳ = 1/3, dy = [2/3,-1/3,-1/3], Σdy² = 2/3
		//   Σdx·dy = 1/3 + 0 + 1/6 = 1/2 → D = 100 · (1/2)/√(.5·2/3) = 100 · √3/2 = 86.6025
		//   sorted: dx [-.5,0,.5], rest [0,0,1] → dy [-1/3,-1/3,2/3]; C_max sum = 1/6 + 0 + 1/3 = 1/2 → E = 100
		const z = byId(stats, 'z');
		expect(z.attempts).toBe(3);
		expect(z.facility).toBeCloseTo(50, 6);
		expect(z.sd).toBeCloseTo(50, 6);
		expect(z.discrimination).toBeCloseTo(86.6025, 3);
		expect(z.efficiency).toBeCloseTo(100, 6);
		expect(z.flagged).toBe(false);

		// x: all four; rest = [y+z] = [1, 0+1, 0+0.5, 0] = [1,1,0.5,0]
		//   x = [1,1,0,0], dx = ±.5, Σdx² = 1; ȳ = .625, dy = [.375,.375,-.125,-.625], Σdy² = .6875
		//   Σdx·dy = .1875+.1875+.0625+.3125 = .75 → D = 100 · .75/√.6875 = 90.4534
		//   sorted rest [0,.5,1,1] → dy [-.625,-.125,.375,.375]; C_max sum = .3125+.0625+.1875+.1875 = .75 → E = 100
		const x = byId(stats, 'x');
		expect(x.attempts).toBe(4);
		expect(x.facility).toBeCloseTo(50, 6);
		expect(x.discrimination).toBeCloseTo(90.4534, 3);
		expect(x.efficiency).toBeCloseTo(100, 6);

		// Order: y (33.3), then x and z (both 50) in input order.
		expect(stats.map((s) => s.itemId)).toEqual(['y', 'x', 'z']);
	});

	it('sorts hardest first, keeps ties in input order and puts unattempted items last', () => {
		const one = (itemId: string, ...scores: number[]): ItemResponses => ({
			itemId,
			scores: scores.map((score, i) => ({ studentId: `s${i + 1}`, score }))
		});
		const stats = itemStatistics([
			one('unattempted'),
			one('easy', 1, 1, 1), // F = 100
			one('hard', 0, 0, 1), // F = 33.3
			one('medium', 1, 0, 1), // F = 66.7
			one('medium-too', 0, 1, 1), // F = 66.7, after 'medium' (input order)
			one('hardest', 0, 0, 0) // F = 0
		]);
		expect(stats.map((s) => s.itemId)).toEqual(['hardest', 'hard', 'medium', 'medium-too', 'easy', 'unattempted']);
		const expected = [0, 33.3333, 66.6667, 66.6667, 100];
		expected.forEach((f, i) => expect(stats[i].facility).toBeCloseTo(f, 3));
		expect(stats[5].facility).toBeNull();
	});

	it('uses the first entry when a student appears twice for an item', () => {
		// q: s1's first entry 0 (the second, 1, is ignored), s2 = 1 → F = 50, attempts 2
		const stats = itemStatistics([
			{
				itemId: 'q',
				scores: [
					{ studentId: 's1', score: 0 },
					{ studentId: 's1', score: 1 },
					{ studentId: 's2', score: 1 }
				]
			}
		]);
		expect(stats[0].attempts).toBe(2);
		expect(stats[0].facility).toBeCloseTo(50, 6);
	});

	it('returns nothing for no items and rejects scores that are not numbers', () => {
		expect(itemStatistics([])).toEqual([]);
		expect(() => itemStatistics([{ itemId: 'q', scores: [{ studentId: 's1', score: Number.NaN }] }])).toThrow(
			RangeError
		);
	});
});
