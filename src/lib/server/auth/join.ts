// Joining a class from a join link (/join?code=…), whoever opens it: a visitor or a guest is
// shown the class and offered an account (the code travels through sign-up, sign-in and the
// two-factor step as ?join=CODE and the join happens there); a student joins with one button;
// an instructor is told that the link is for students. Looking a code up is counted like trying
// it, so a join link cannot be used to guess codes.
import { fail, isActionFailure, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Course } from '../content/course';
import { classForJoinCode, isEnrolled, joinClassByCode, normaliseJoinCode, type ClassForCode } from '../db/classes';
import type { AppDatabase, Queryable } from '../db/open';
import { field } from '../form-action';
import { courseOverview } from '../progress/course-progress';
import type { NextStep } from '../progress/next-step';
import { countAttempts, roleOf } from './accounts';
import { rateLimits } from './rate-limit';
import type { SessionUser } from './session';

/** Longer than any real code (8), short enough that a pasted paragraph is not echoed back. */
const CODE_SHOWN_MAX = 24;

/** What someone typed or followed as a join code, normalised ('' when there is none). */
export function typedJoinCode(value: string | null): string {
	return normaliseJoinCode(value ?? '').slice(0, CODE_SHOWN_MAX);
}

/** A join code carried through sign-up and sign-in (?join=): only letters and digits, else null. */
export function carriedJoinCode(url: URL): string | null {
	const code = typedJoinCode(url.searchParams.get('join'));
	return /^[A-Z0-9]+$/.test(code) ? code : null;
}

/** The join page for a code, where sign-up, sign-in and joining lead. */
export function joinPath(code: string): string {
	return `/join?code=${encodeURIComponent(typedJoinCode(code))}`;
}

export const INSTRUCTORS_DO_NOT_JOIN =
	'This code is for students. Instructors do not join classes; your own classes are under My classes.';

export async function joinClassAction(db: AppDatabase, user: SessionUser, code: string) {
	if (user.role !== 'student') return fail(400, { code, message: INSTRUCTORS_DO_NOT_JOIN });
	const limited = await rateLimits.consume('codeFailures', user.id);
	if (limited) return fail(429, { code, message: limited });
	const joined = await joinClassByCode(db, user.id, code);
	if (!joined) return fail(400, { code, message: 'No open class has that code. Check it with your instructor.' });
	// A right code gives its try back (a refund, not a reset: joining a class one already knows
	// must not wipe the count of wrong codes tried).
	await rateLimits.refund('codeFailures', user.id);
	return { joined: joined.name };
}

export type CodeLookup = { ok: true; klass: ClassForCode } | { ok: false; message: string };

export const UNKNOWN_CODE = (code: string) =>
	`No open class has the code ${code}. Check it with your teacher: a letter may be mistyped, or the class may have stopped taking new students.`;

/**
 * The class a code names, for showing it. Each look-up takes a point of the same limits as a
 * join try (a signed-in account's own, else the address's) before the code is checked; a code
 * that names a class gives its point back.
 */
export async function lookUpJoinCode(db: Queryable, code: string, locals: App.Locals, address: string): Promise<CodeLookup> {
	const account = locals.user && locals.user.role !== 'guest' ? locals.user : null;
	const [limit, key] = account ? (['codeFailures', account.id] as const) : (['joinLookupsPerIp', address] as const);
	const limited = await rateLimits.consume(limit, key);
	if (limited) return { ok: false, message: limited };
	const klass = await classForJoinCode(db, code);
	if (!klass) return { ok: false, message: UNKNOWN_CODE(code) };
	await rateLimits.refund(limit, key);
	return { ok: true, klass };
}

/** What /join shows. */
export type JoinView =
	/** No code yet, or one that does not join anything (`problem` says why): a field to type one. */
	| { kind: 'enter'; problem: string | null }
	/** A visitor or a guest with a code that joins: make an account or sign in, the code carried along. */
	| { kind: 'invite'; klass: ShownClass; guestAnswers: number }
	/** A student not yet in the class: one button joins. */
	| { kind: 'confirm'; klass: ShownClass }
	/** A student in the class: what to do next. */
	| { kind: 'joined'; klass: ShownClass; next: NextStep }
	/** An instructor (who does not join classes); `klass` when the code names one, `own` when it is theirs. */
	| { kind: 'instructor'; klass: ShownClass | null; own: boolean };

export interface ShownClass {
	name: string;
	teacher: string;
}

const shown = (klass: ClassForCode): ShownClass => ({ name: klass.name, teacher: klass.instructorName });

export async function joinView(db: AppDatabase, course: Course, locals: App.Locals, address: string, code: string): Promise<JoinView> {
	const user = locals.user;
	if (!code) return user?.role === 'instructor' ? { kind: 'instructor', klass: null, own: false } : { kind: 'enter', problem: null };
	const found = await lookUpJoinCode(db, code, locals, address);
	if (!found.ok) return user?.role === 'instructor' ? { kind: 'instructor', klass: null, own: false } : { kind: 'enter', problem: found.message };
	const { klass } = found;
	if (user?.role === 'instructor') return { kind: 'instructor', klass: shown(klass), own: klass.instructorId === user.id };
	if (user?.role === 'student' && await isEnrolled(db, klass.id, user.id)) {
		return { kind: 'joined', klass: shown(klass), next: (await courseOverview(db, course, user.id)).next };
	}
	if (!klass.open) {
		return {
			kind: 'enter',
			problem: `${klass.name} (${klass.instructorName}’s class) has closed: it no longer takes new students. If you should be in it, ask your teacher for a new code.`
		};
	}
	if (user?.role === 'student') return { kind: 'confirm', klass: shown(klass) };
	return { kind: 'invite', klass: shown(klass), guestAnswers: user ? await countAttempts(db, user.id) : 0 };
}

/**
 * The join form. A student joins and is sent to the class's join page, which then says what to
 * do next (so a refresh does not post again); a visitor or guest who posts a code is sent to
 * that page too, which offers an account. Join tries stay limited as before (joinClassAction).
 */
export async function joinAction(db: AppDatabase, event: RequestEvent, form: FormData) {
	const code = field(form, 'code').trim();
	const user = event.locals.user;
	if (!user || user.role === 'guest') redirect(303, joinPath(code));
	const result = await joinClassAction(db, user, code);
	if (isActionFailure(result)) return result;
	redirect(303, joinPath(code));
}

/**
 * After signing up or in with a join code carried along: a student joins the class (limited as
 * any join try). Wherever that leaves them, the class's join page says so: joined, or why not.
 */
export async function joinAfterSignIn(db: AppDatabase, userId: string, code: string): Promise<string> {
	const role = await roleOf(db, userId);
	// A refusal (wrong code, closed class, too many tries) is for the join page to explain.
	if (role === 'student') await joinClassAction(db, { id: userId, role, username: null, displayName: null, twoFactorEnabled: false }, code);
	return joinPath(code);
}

/** For the sign-in and sign-up pages reached from a join link: the code, and its class if it joins one. */
export async function joiningClass(
	db: Queryable,
	code: string | null,
	locals: App.Locals,
	address: string
): Promise<{ code: string; klass: ShownClass | null } | null> {
	if (!code) return null;
	const found = await lookUpJoinCode(db, code, locals, address);
	return { code, klass: found.ok && found.klass.open ? shown(found.klass) : null };
}
