import { describe, expect, it } from 'vitest';
import { BIDI_MESSAGE, checkName, CLASS_NAME, CONTROL_MESSAGE, DISPLAY_NAME, INVISIBLE_MESSAGE } from './names';

describe('checkName', () => {
	it('keeps ordinary names from any script, trimmed and NFC-normalised', () => {
		expect(checkName('  Ana María ', DISPLAY_NAME)).toEqual({ ok: true, name: 'Ana María' });
		expect(checkName('Zoë', DISPLAY_NAME)).toEqual({ ok: true, name: 'Zoë' });
		// "e" followed by a combining acute accent becomes the single character é.
		expect(checkName('Rene\u0301e', DISPLAY_NAME)).toEqual({ ok: true, name: 'Renée' });
		expect(checkName('محمد', DISPLAY_NAME)).toEqual({ ok: true, name: 'محمد' });
		expect(checkName('李小龍', DISPLAY_NAME)).toEqual({ ok: true, name: '李小龍' });
		expect(checkName('Period 3 – Media & News (2026)', CLASS_NAME)).toEqual({ ok: true, name: 'Period 3 – Media & News (2026)' });
		// Markup is only text: pages and CSV files escape it.
		expect(checkName('<script>x</script>', DISPLAY_NAME)).toEqual({ ok: true, name: '<script>x</script>' });
		// A zero-width joiner inside an emoji sequence is fine when there is something to see.
		expect(checkName('👩\u200D🏫 Ms T', DISPLAY_NAME).ok).toBe(true);
	});

	it('refuses control characters, including line breaks and tabs', () => {
		for (const name of ['Ana\nBob', 'Ana\r\nBob', 'Ana\rBob', 'Ana\tBob', 'Ana\u0000', 'A\u0007na', 'Ana\u0085Bob', 'Ana\u001b[31m']) {
			expect(checkName(name, DISPLAY_NAME), JSON.stringify(name)).toEqual({ ok: false, message: CONTROL_MESSAGE });
			expect(checkName(name, CLASS_NAME), JSON.stringify(name)).toEqual({ ok: false, message: CONTROL_MESSAGE });
		}
	});

	it('refuses bidi controls, which can make a name look like another', () => {
		for (const char of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
			expect(checkName(`Ana${char}Bob`, DISPLAY_NAME), char.codePointAt(0)!.toString(16)).toEqual({ ok: false, message: BIDI_MESSAGE });
			expect(checkName(`Class ${char}1`, CLASS_NAME)).toEqual({ ok: false, message: BIDI_MESSAGE });
		}
	});

	it('refuses names with nothing visible in them', () => {
		const invisible = [
			'\u200B',
			'\u200C\u200D',
			'\u2060',
			'\uFEFF\u200B',
			' \u200B ',
			'\u0301\u0308', // combining marks only
			'\u00A0\u3000\u2003', // no-break, ideographic and em spaces (trimmed away: empty)
			'\u3164', // Hangul filler, a "letter" that draws nothing
			'\u2800\u2800', // blank braille pattern
			'\u00AD' // soft hyphen
		];
		for (const name of invisible) {
			const result = checkName(name, DISPLAY_NAME);
			expect(result.ok, JSON.stringify(name)).toBe(false);
			expect([INVISIBLE_MESSAGE, DISPLAY_NAME.empty]).toContain((result as { message: string }).message);
		}
		expect(checkName('\u200B\u200B', CLASS_NAME)).toEqual({ ok: false, message: INVISIBLE_MESSAGE });
	});

	it('says so when a name is empty or too long', () => {
		expect(checkName('   ', DISPLAY_NAME)).toEqual({ ok: false, message: 'Say what we should call you.' });
		expect(checkName('', CLASS_NAME)).toEqual({ ok: false, message: CLASS_NAME.empty });
		expect(checkName('a'.repeat(60), DISPLAY_NAME).ok).toBe(true);
		expect(checkName('a'.repeat(61), DISPLAY_NAME)).toEqual({ ok: false, message: 'Keep it to 60 characters.' });
		expect(checkName('a'.repeat(80), CLASS_NAME).ok).toBe(true);
		expect(checkName('a'.repeat(81), CLASS_NAME)).toEqual({ ok: false, message: CLASS_NAME.tooLong });
	});
});
