// Removals that can be undone: when an instructor takes a student out of a class, the date they
// joined is kept here for UNDO_WINDOW_MS, so "Undo" (or "Put back") restores the enrollment as it
// was. Only the enrollment was deleted; the student's answers never were, so a student put back
// (or who joins again with the code) shows all their work.
//
// Kept in this process's memory, like the rate limits and the item-analysis cache: a restart
// forgets the chance to undo (the student can still join again with the code, answers intact).
// Several app processes would need it in the database: an enrollments.removed_at column (a
// migration), read by every query that counts a class's students.

/** How long a removal can be undone. */
export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Far more than any school removes in a day; the oldest go first beyond it. */
const MAX_REMEMBERED = 5_000;

export interface Removal {
	classId: string;
	userId: string;
	name: string;
	joinedAt: Date;
	removedAt: number;
}

const removals = new Map<string, Removal>();
const keyOf = (classId: string, userId: string) => `${classId}\u0000${userId}`;

function forgetExpired(now: number): void {
	for (const [key, removal] of removals) {
		if (removal.removedAt + UNDO_WINDOW_MS > now) break; // kept in the order they were made
		removals.delete(key);
	}
}

export function rememberRemoval(removal: Removal): void {
	forgetExpired(removal.removedAt);
	const key = keyOf(removal.classId, removal.userId);
	removals.delete(key); // re-inserted at the end: the newest
	removals.set(key, removal);
	if (removals.size > MAX_REMEMBERED) removals.delete(removals.keys().next().value!);
}

/** The removal from this class that can still be undone, or null. */
export function findRemoval(classId: string, userId: string, now = Date.now()): Removal | null {
	forgetExpired(now);
	return removals.get(keyOf(classId, userId)) ?? null;
}

export function forgetRemoval(classId: string, userId: string): void {
	removals.delete(keyOf(classId, userId));
}

/** This class's removals that can still be undone, newest first. */
export function recentRemovals(classId: string, now = Date.now()): Removal[] {
	forgetExpired(now);
	return [...removals.values()].filter((r) => r.classId === classId).reverse();
}
