// What the class page's two charts show, as plain counts (the charts and their tables read these).

export interface Band {
	/** What the band is called on the axis and in the table, e.g. "40–49%". */
	label: string;
	students: number;
}

/**
 * Students per tenth of their score on what was done (the matrix's doneScore): 0–9%, 10–19%, …
 * 90–100%. Only students who have answered something count; exactly 100% falls in the top band.
 */
export function scoreBands(students: { score: number; answered: number }[]): Band[] {
	const bands: Band[] = Array.from({ length: 10 }, (_, i) => ({ label: i === 9 ? '90–100%' : `${i * 10}–${i * 10 + 9}%`, students: 0 }));
	for (const s of students) {
		if (s.answered === 0) continue;
		const percent = Math.round(100 * s.score);
		bands[Math.min(9, Math.floor(percent / 10))].students += 1;
	}
	return bands;
}

/**
 * Students by normalised gain between the before and after checks, in Hake's bands (low under
 * 0.3, medium to 0.7, high from 0.7), plus those who did worse and those who started and
 * stayed at 100% (no room to gain, so no normalised gain). Only students with both checks count.
 */
export function gainBands(students: { gain: { raw: number; normalised: number | null } | null }[]): Band[] {
	const bands = [
		{ label: 'Worse', students: 0 },
		{ label: 'Low <0.3', students: 0 },
		{ label: 'Mid 0.3–0.7', students: 0 },
		{ label: 'High ≥0.7', students: 0 },
		{ label: 'Stayed 100%', students: 0 }
	];
	for (const { gain } of students) {
		if (!gain) continue;
		if (gain.raw < 0) bands[0].students += 1;
		else if (gain.normalised === null) bands[4].students += 1;
		else if (gain.normalised < 0.3) bands[1].students += 1;
		else if (gain.normalised < 0.7) bands[2].students += 1;
		else bands[3].students += 1;
	}
	return bands;
}
