// What the class page's actions on one student do: ask before removing, remove (keeping what is
// needed to undo it), put back, and make a password reset code. Each returns what the page shows
// beside that student, or why it cannot be done; the route turns a refusal into a 400.
import { issueResetCode, RESET_CODE_LIFETIME_MS } from '../auth/password-reset';
import { classStudent, isEnrolled, removeStudent, restoreEnrollment } from '../db/classes';
import type { AppDatabase } from '../db/open';
import type { RosterRefusal, RosterResult } from '../../teach/types';
import { findRemoval, forgetRemoval, rememberRemoval, UNDO_WINDOW_MS } from './removals';

type Outcome = { ok: true; result: RosterResult } | { ok: false; refusal: RosterRefusal };

export const NOT_IN_CLASS = 'That student is not in this class.';

const refuse = (userId: string, message: string): Outcome => ({ ok: false, refusal: { at: 'students', userId, message } });
const nameOf = (student: { displayName: string | null; username: string | null }) => student.displayName ?? student.username ?? 'Student';

/** The first step: nothing changes yet; the page asks to confirm. */
export async function askToRemove(db: AppDatabase, classId: string, userId: string): Promise<Outcome> {
	const student = await classStudent(db, classId, userId);
	if (!student) return refuse(userId, NOT_IN_CLASS);
	return { ok: true, result: { at: 'students', confirmRemove: { userId, name: nameOf(student) } } };
}

/** Takes the student out (the enrollment only: answers stay) and remembers how to undo it. */
export async function removeFromClass(db: AppDatabase, classId: string, userId: string, now = Date.now()): Promise<Outcome> {
	const student = await classStudent(db, classId, userId);
	if (!student || !await removeStudent(db, classId, userId)) return refuse(userId, NOT_IN_CLASS);
	const name = nameOf(student);
	rememberRemoval({ classId, userId, name, joinedAt: student.joinedAt, removedAt: now });
	return {
		ok: true,
		result: {
			at: 'students',
			removed: { userId, name },
			undoUntil: now + UNDO_WINDOW_MS,
			done: `Student removed from the class: ${name}. Their answers are kept.`
		}
	};
}

/** Undoes a recent removal: the student is back, with the date they first joined. */
export async function putBack(db: AppDatabase, classId: string, userId: string, now = Date.now()): Promise<Outcome> {
	const removal = findRemoval(classId, userId, now);
	if (!removal) {
		const student = await classStudent(db, classId, userId);
		if (student) return { ok: true, result: { at: 'students', restored: { userId, name: nameOf(student) }, done: `${nameOf(student)} is already in the class.` } };
		return refuse(userId, 'That removal can no longer be undone here. The student can join again with the class code; their answers are kept.');
	}
	if (!await restoreEnrollment(db, classId, userId, removal.joinedAt) && !await isEnrolled(db, classId, userId)) {
		forgetRemoval(classId, userId);
		return refuse(userId, 'That account no longer exists or is not a student account, so it cannot be put back.');
	}
	forgetRemoval(classId, userId);
	return {
		ok: true,
		result: { at: 'students', restored: { userId, name: removal.name }, done: `${removal.name} is back in the class, with all their answers.` }
	};
}

/** A one-time code the student uses at /reset, shown once, beside them, with when it stops working. */
export async function makeResetCode(db: AppDatabase, instructorId: string, classId: string, userId: string, now = Date.now()): Promise<Outcome> {
	const student = await classStudent(db, classId, userId);
	if (!student) return refuse(userId, NOT_IN_CLASS);
	// Only students: an instructor listed here (joined before that was refused) keeps their own password.
	const code = await issueResetCode(db, instructorId, userId, now);
	if (!code) return refuse(userId, 'Reset codes are only for student accounts, and this is not one.');
	return {
		ok: true,
		result: {
			at: 'students',
			reset: { userId, name: nameOf(student), username: student.username, code, expiresAt: now + RESET_CODE_LIFETIME_MS }
		}
	};
}
