import { describe, expect, it } from 'vitest';
import { orderSeed, shownOrder } from './order';

const letters = ['a', 'b', 'c', 'd'];

describe('shownOrder', () => {
	it('is the same for the same seed, and keeps every item once', () => {
		const seed = orderSeed('q1', 'v1');
		expect(shownOrder(letters, seed)).toEqual(shownOrder(letters, seed));
		expect([...shownOrder(letters, seed)].sort()).toEqual(letters);
		expect(letters).toEqual(['a', 'b', 'c', 'd']);
	});

	it('changes with the question and with its version', () => {
		const orders = new Set(
			['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].flatMap((id) => ['v1', 'v2'].map((v) => shownOrder(letters, orderSeed(id, v)).join('')))
		);
		expect(orders.size).toBeGreaterThan(6);
	});

	it('puts the first authored item in every position about equally often', () => {
		const positions = [0, 0, 0, 0];
		const runs = 4_000;
		for (let i = 0; i < runs; i++) positions[shownOrder(letters, orderSeed(`question-${i}`, 'v')).indexOf('a')]++;
		// Each position expects 1,000; a fair shuffle stays well within ±15% at this count.
		for (const count of positions) expect(Math.abs(count - runs / 4)).toBeLessThan(runs / 4 * 0.15);
	});
});
