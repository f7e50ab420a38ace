// Highlight grades name their parts by the units they cover, so a review can mark the text:
// `target:4,5` is a target of units 4 and 5; `wrong:7` a wrong pick of unit 7.

export function targetPartId(units: number[]): string {
	return `target:${units.join(',')}`;
}

export function wrongPartId(units: number[]): string {
	return `wrong:${units.join(',')}`;
}

/** The unit indexes a part id covers. */
export function partUnits(id: string): number[] {
	const list = id.slice(id.indexOf(':') + 1);
	return list === '' ? [] : list.split(',').map(Number);
}
