// What the class page's actions send back, shared by the server (which makes them) and the
// components (which show them where the teacher is looking).

export interface StudentRef {
	userId: string;
	name: string;
}

export interface ResetCodeShown extends StudentRef {
	username: string | null;
	code: string;
	/** When the code stops working (ms). */
	expiresAt: number;
}

/** The result of an action on one student, shown beside them (or where they were). */
export type RosterResult =
	/** The first step of removing: the page asks "Remove … ?" beside the student. */
	| { at: 'students'; confirmRemove: StudentRef }
	| { at: 'students'; removed: StudentRef; undoUntil: number; done: string }
	| { at: 'students'; restored: StudentRef; done: string }
	| { at: 'students'; reset: ResetCodeShown };

export type RosterRefusal = { at: 'students'; userId: string; message: string };

/** Results of the class's own actions: joining (new code, off) and settings (rename, archive). */
export type ClassResult = { at: 'join' | 'settings'; done: string };
export type ClassRefusal = { at: 'join' | 'settings'; message: string };

/** A recent removal that can still be undone, for the list under the roster. */
export interface RemovedStudent extends StudentRef {
	removedAt: number;
	undoUntil: number;
}
