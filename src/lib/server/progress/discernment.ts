// Discernment, both sides, on first attempts at the current questions: neutral claims and words
// wrongly called framing or loaded (over-flagged), and framed sentences and loaded words taken as
// plain (missed). A good score can hide either habit ("everything is biased", or "it's all just
// facts"), so a high share on either side is named as a pattern worth a conversation.
import type { Queryable } from '../db/open';
import { queryRows } from '../db/results';
import { sql } from 'drizzle-orm';

export interface DiscernmentFigures {
	neutral: number;
	flagged: number;
	framed: number;
	missed: number;
}

/** A share at or above this, over at least PATTERN_MIN_PARTS parts, is a pattern. */
export const PATTERN_SHARE = 0.3;
export const PATTERN_MIN_PARTS = 4;

export type DiscernmentPattern = 'over-flagging' | 'missing';

/** The habits these figures show, if any (too few parts met show none). */
export function discernmentPatterns(d: DiscernmentFigures): DiscernmentPattern[] {
	const patterns: DiscernmentPattern[] = [];
	if (d.neutral >= PATTERN_MIN_PARTS && d.flagged / d.neutral >= PATTERN_SHARE) patterns.push('over-flagging');
	if (d.framed >= PATTERN_MIN_PARTS && d.missed / d.framed >= PATTERN_SHARE) patterns.push('missing');
	return patterns;
}

/** One learner's figures, summed from their lesson summaries (current question versions only). */
export async function learnerDiscernment(db: Queryable, userId: string): Promise<DiscernmentFigures> {
	const [row] = await queryRows<{ neutral: unknown; flagged: unknown; framed: unknown; missed: unknown }>(
		db,
		sql`select sum(neutral_seen) as neutral, sum(neutral_flagged) as flagged, sum(framed_seen) as framed, sum(framed_missed) as missed
		      from lesson_summaries where user_id = ${userId}`
	);
	// Sums come back as strings from PostgreSQL, and null when the learner has no rows.
	return { neutral: Number(row?.neutral ?? 0), flagged: Number(row?.flagged ?? 0), framed: Number(row?.framed ?? 0), missed: Number(row?.missed ?? 0) };
}
