// Formatting for the teacher's pages, the same on the server and in the browser.

/** A share (0..1) as a whole percentage, or "—" when there is none. */
export function percent(x: number | null | undefined): string {
	return x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
}

/** "1 part", "3 parts"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** "3 of 14 (21%)", or "—" when there is nothing to count. */
export function share(part: number, whole: number): string {
	return whole === 0 ? '—' : `${part} of ${whole} (${percent(part / whole)})`;
}

/**
 * An unambiguous date ("1 Dec 2026", with the time: "1 Dec 2026, 14:05") in a time zone: the
 * viewer's in the browser (undefined), UTC on the server, where the viewer's is not known.
 */
export function formatDate(ms: number, { time = true, timeZone }: { time?: boolean; timeZone?: string } = {}): string {
	return new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		...(time ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
		timeZone
	}).format(ms);
}
