// One rule for the names people choose and others read: display names (sign-up, account) and
// class names (create, rename). A name is shown on pages, in instructors' tables and in CSV
// files, so it must be one line of visible text that reads the same everywhere.

export interface NameRule {
	maxLength: number;
	/** Said when nothing was typed. */
	empty: string;
	/** Said when it is longer than maxLength. */
	tooLong: string;
}

export const DISPLAY_NAME: NameRule = {
	maxLength: 60,
	empty: 'Say what we should call you.',
	tooLong: 'Keep it to 60 characters.'
};

export const CLASS_NAME: NameRule = {
	maxLength: 80,
	empty: 'Give the class a name of up to 80 characters.',
	tooLong: 'Give the class a name of up to 80 characters.'
};

// Control characters: tabs, line breaks (CR/LF would start a new line in a CSV cell), NUL, C1.
const CONTROL = /\p{Cc}/u;
// Bidi controls reorder the text around them, so a name could look like someone else's.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// Letters, digits, punctuation and symbols are what can be seen...
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;
// ...except these, which are letters or symbols that draw nothing (Hangul fillers, blank braille).
const BLANK_LOOKING = /[\u115F\u1160\u3164\uFFA0\u2800]/u;

export const CONTROL_MESSAGE = 'Use one line of text: no line breaks, tabs or other control characters.';
export const BIDI_MESSAGE = 'Remove the hidden characters that change the direction of the text.';
export const INVISIBLE_MESSAGE = 'Use at least one letter, digit or sign that can be seen.';

/**
 * The name to store (NFC-normalised, trimmed), or a kind sentence saying what to change.
 * Spaces, zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and combining marks are
 * allowed inside a name, but a name made only of them is refused: it would show as nothing.
 */
export function checkName(raw: string, rule: NameRule): { ok: true; name: string } | { ok: false; message: string } {
	const name = raw.normalize('NFC').trim();
	if (name === '') return { ok: false, message: rule.empty };
	if (CONTROL.test(name)) return { ok: false, message: CONTROL_MESSAGE };
	if (BIDI_CONTROL.test(name)) return { ok: false, message: BIDI_MESSAGE };
	const visible = (name.match(VISIBLE) ?? []).filter((char) => !BLANK_LOOKING.test(char));
	if (visible.length === 0) return { ok: false, message: INVISIBLE_MESSAGE };
	if (name.length > rule.maxLength) return { ok: false, message: rule.tooLong };
	return { ok: true, name };
}
