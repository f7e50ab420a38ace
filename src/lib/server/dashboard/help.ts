// "Who needs help": the students of a class whose figures stand out, each with the reasons in
// words and the lessons to go back to. Worked out from the progress matrix (no more queries),
// so it agrees with what the matrix shows.
import { discernmentPatterns, PATTERN_SHARE, type DiscernmentFigures } from '../progress/discernment';
import type { ClassMatrix, MatrixRow } from './matrix';

/** A score on what was done below this is low… */
export const LOW_SCORE = 0.5;
/** …once the student has answered at least this many questions (fewer say little). */
export const HELP_MIN_ANSWERED = 5;
/**
 * A habit stands out when the student shows it (progress/discernment.ts: 30% of at least 4 parts)
 * and at least this much more often than the class as a whole: in a class where most students
 * miss framing, that is a point for the whole class, said once, not one name after another.
 */
export const STAND_OUT_MARGIN = 0.1;
/** An after check this much lower than the before check (or more) is worse; less is noise. */
export const WORSE_BY = 0.05;
/** A lesson is worth revisiting for a habit when it shows that habit on at least this many parts. */
const LESSON_HABIT_MIN_PARTS = 2;
/** At most this many lessons to revisit per student: a short list gets used. */
const MAX_LESSONS = 3;

export type HelpReason =
	| { kind: 'low-score'; score: number; answered: number }
	| { kind: 'over-flagging'; flagged: number; neutral: number }
	| { kind: 'missing'; missed: number; framed: number }
	| { kind: 'worse-after'; before: number; after: number };

export interface HelpLesson {
	slug: string;
	number: number;
	title: string;
	/** Why this lesson, in a few words ("34% on what was done", "over-flagged 3 of 5"). */
	why: string;
}

export interface StudentNeedingHelp {
	userId: string;
	name: string;
	reasons: HelpReason[];
	/** In words, one sentence per reason. */
	sentences: string[];
	lessons: HelpLesson[];
}

export interface ClassHabit {
	kind: 'over-flagging' | 'missing';
	part: number;
	whole: number;
	sentence: string;
}

export interface WhoNeedsHelp {
	students: StudentNeedingHelp[];
	/** Habits of the class as a whole (its share at or above the pattern's), to take up with everyone. */
	classHabits: ClassHabit[];
	/** Students who have answered nothing yet (listed by name only), once others have started. */
	notStarted: { userId: string; name: string }[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const share = (part: number, whole: number) => `${part} of ${whole} (${pct(part / whole)})`;

/** Each reason as a sentence a teacher reads at a glance. */
export function reasonSentence(reason: HelpReason): string {
	switch (reason.kind) {
		case 'low-score':
			return `Scores ${pct(reason.score)} on the ${reason.answered} questions answered so far.`;
		case 'over-flagging':
			return `Calls plain claims and neutral words framing or loaded: ${share(reason.flagged, reason.neutral)}.`;
		case 'missing':
			return `Takes framing and loaded words as plain fact: ${share(reason.missed, reason.framed)}.`;
		case 'worse-after':
			return `Did worse on the after check (${pct(reason.after)}) than on the before check (${pct(reason.before)}).`;
	}
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function reasonsFor(row: MatrixRow, classShares: { flagged: number; missed: number }): HelpReason[] {
	const reasons: HelpReason[] = [];
	if (row.doneScore !== null && row.answered >= HELP_MIN_ANSWERED && row.doneScore < LOW_SCORE) {
		reasons.push({ kind: 'low-score', score: row.doneScore, answered: row.answered });
	}
	const d = row.discernment;
	if (row.patterns.includes('over-flagging') && ratio(d.flagged, d.neutral) >= classShares.flagged + STAND_OUT_MARGIN) {
		reasons.push({ kind: 'over-flagging', flagged: d.flagged, neutral: d.neutral });
	}
	if (row.patterns.includes('missing') && ratio(d.missed, d.framed) >= classShares.missed + STAND_OUT_MARGIN) {
		reasons.push({ kind: 'missing', missed: d.missed, framed: d.framed });
	}
	if (row.gain && row.gain.raw <= -WORSE_BY && row.before !== null && row.after !== null) {
		reasons.push({ kind: 'worse-after', before: row.before, after: row.after });
	}
	return reasons;
}

/** The class's own habits: its share over every student's first attempts, when it makes the pattern. */
function classHabitsOf(matrix: ClassMatrix): ClassHabit[] {
	const d = matrix.classDiscernment;
	const habits: ClassHabit[] = [];
	if (discernmentPatterns(d).includes('over-flagging')) {
		habits.push({
			kind: 'over-flagging',
			part: d.flagged,
			whole: d.neutral,
			sentence: `The class as a whole calls plain claims and neutral words framing or loaded: ${share(d.flagged, d.neutral)}. Worth taking up with everyone.`
		});
	}
	if (discernmentPatterns(d).includes('missing')) {
		habits.push({
			kind: 'missing',
			part: d.missed,
			whole: d.framed,
			sentence: `The class as a whole takes framing and loaded words as plain fact: ${share(d.missed, d.framed)}. Worth taking up with everyone.`
		});
	}
	return habits;
}

/** The share of a habit in one lesson, when the lesson shows enough of it to count. */
function habitShare(d: DiscernmentFigures, kind: 'over-flagging' | 'missing'): { part: number; whole: number } | null {
	const [part, whole] = kind === 'over-flagging' ? [d.flagged, d.neutral] : [d.missed, d.framed];
	if (whole < LESSON_HABIT_MIN_PARTS || part / whole < PATTERN_SHARE) return null;
	return { part, whole };
}

function lessonsFor(row: MatrixRow, reasons: HelpReason[], matrix: ClassMatrix): HelpLesson[] {
	const picked = new Map<number, { weight: number; why: string[] }>();
	const add = (index: number, weight: number, why: string) => {
		const entry = picked.get(index) ?? { weight: 0, why: [] };
		entry.weight += weight;
		entry.why.push(why);
		picked.set(index, entry);
	};
	const kinds = new Set(reasons.map((r) => r.kind));
	row.cells.forEach((cell, index) => {
		// The checks at either end teach nothing: the lessons to revisit are the taught ones.
		if (matrix.lessons[index].diagnostic) return;
		// Low scores: the lessons where the student did worst.
		if (kinds.has('low-score') && cell.doneScore !== null && cell.doneScore < LOW_SCORE) {
			add(index, 1 - cell.doneScore, `${pct(cell.doneScore)} on what was done`);
		}
		for (const habit of ['over-flagging', 'missing'] as const) {
			if (!kinds.has(habit)) continue;
			const found = habitShare(cell.discernment, habit);
			if (found) add(index, found.part / found.whole, `${habit === 'over-flagging' ? 'over-flagged' : 'missed'} ${found.part} of ${found.whole}`);
		}
	});
	return [...picked.entries()]
		.sort((a, b) => b[1].weight - a[1].weight || a[0] - b[0])
		.slice(0, MAX_LESSONS)
		.map(([index, entry]) => {
			const lesson = matrix.lessons[index];
			return { slug: lesson.slug, number: lesson.number, title: lesson.title, why: entry.why.join(', ') };
		});
}

/**
 * Students whose figures stand out, the most reasons first (then the lowest score on what was
 * done): a low score over enough answers, a discernment habit clearly above the class's own (see
 * STAND_OUT_MARGIN), or an after check clearly worse than the before check. Each comes with the
 * lessons where it shows most.
 */
export function whoNeedsHelp(matrix: ClassMatrix): WhoNeedsHelp {
	const d = matrix.classDiscernment;
	const classShares = { flagged: ratio(d.flagged, d.neutral), missed: ratio(d.missed, d.framed) };
	const students = matrix.rows
		.map((row) => {
			const reasons = reasonsFor(row, classShares);
			return { row, reasons };
		})
		.filter(({ reasons }) => reasons.length > 0)
		.sort((a, b) => b.reasons.length - a.reasons.length || (a.row.doneScore ?? 1) - (b.row.doneScore ?? 1) || a.row.name.localeCompare(b.row.name))
		.map(({ row, reasons }) => ({
			userId: row.userId,
			name: row.name,
			reasons,
			sentences: reasons.map(reasonSentence),
			lessons: lessonsFor(row, reasons, matrix)
		}));
	const anyStarted = matrix.rows.some((row) => row.answered > 0);
	const notStarted = anyStarted ? matrix.rows.filter((row) => row.answered === 0).map((row) => ({ userId: row.userId, name: row.name })) : [];
	return { students, classHabits: classHabitsOf(matrix), notStarted };
}
