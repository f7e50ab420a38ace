import { describe, expect, it } from 'vitest';
import { gainBands, scoreBands } from './distributions';

const counts = (bands: { students: number }[]) => bands.map((b) => b.students);

describe('scoreBands', () => {
	it('puts each student in a tenth of the score range, 100% in the top band', () => {
		const students = [0, 0.09, 0.1, 0.455, 0.5, 0.999, 1].map((score) => ({ score, answered: 5 }));
		// 0.09 → 9%, 0.455 → 46% (rounded), 0.999 → 100%.
		expect(counts(scoreBands(students))).toEqual([2, 1, 0, 0, 1, 1, 0, 0, 0, 2]);
		expect(scoreBands([]).map((b) => b.label)).toEqual([
			'0–9%', '10–19%', '20–29%', '30–39%', '40–49%', '50–59%', '60–69%', '70–79%', '80–89%', '90–100%'
		]);
	});

	it('leaves out students who have answered nothing', () => {
		expect(counts(scoreBands([{ score: 0, answered: 0 }]))).toEqual(Array(10).fill(0));
	});
});

describe('gainBands', () => {
	it('sorts students into Hake’s bands, worse, and already-perfect', () => {
		const gain = (raw: number, normalised: number | null) => ({ gain: { raw, normalised } });
		const students = [
			{ gain: null }, // one check missing: left out
			gain(-0.1, -0.2),
			gain(0, 0),
			gain(0.1, 0.29),
			gain(0.3, 0.3),
			gain(0.5, 0.69),
			gain(0.7, 0.7),
			gain(0.5, 1),
			gain(0, null), // 100% before and after
			gain(-0.2, null) // 100% before, less after: worse
		];
		expect(counts(gainBands(students))).toEqual([2, 2, 2, 2, 1]);
	});
});
