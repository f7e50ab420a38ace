// Demo data for the instructor dashboard: one instructor, one class of made-up students and
// three weeks of plausible answers to the real course's questions, each graded by the real
// grader. Used by `npm run demo` (scripts/demo.ts) and its test.
//
// Running it again RESETS the demo rather than adding to it:
// - the instructor `demo_teacher` is reused if it exists (same id, so open sessions and any
//   other classes survive), with its display name and password set back to the documented ones;
// - the class "Demo class: Period 2" of that instructor is reused (same id and join code, made
//   active again; a new code only if joining was turned off), or created;
// - every `demo_student_<digits>` account is deleted (its attempts, sessions and enrollments go
//   with it) and created afresh with new answers. It refuses to touch such an account if it is
//   not a student or belongs to a class of another instructor: those are real people's.
// Nothing else in the database is read or changed.
//
// With the same `seed` and `now` the answers, scores and timestamps are identical each run
// (only the random ids, password salts and a new join code differ).
import { and, eq, ne, sql } from 'drizzle-orm';
import { displayNameProblem, normaliseUsername, usernameProblem } from '../src/lib/server/auth/accounts';
import { hashPassword, passwordProblem } from '../src/lib/server/auth/password';
import type { Course } from '../src/lib/server/content/course';
import type { LoadedQuestion } from '../src/lib/server/content/questions';
import { createClass, generateJoinCode } from '../src/lib/server/db/classes';
import type { AppDatabase, Queryable } from '../src/lib/server/db/open';
import { attempts, classes, enrollments, users } from '../src/lib/server/db/schema';
import type { NewAttempt } from '../src/lib/server/progress/attempts';
import { answerDiscernment } from '../src/lib/server/quiz/answer';
import { questionType } from '../src/lib/quiz/registry';
import type { ChoiceQuestion, ChoiceResponse } from '../src/lib/quiz/types/choice';
import type { ClassifyQuestion, ClassifyResponse } from '../src/lib/quiz/types/classify';
import type { HighlightQuestion, HighlightResponse } from '../src/lib/quiz/types/highlight';
import { unitSpans, unitsOfPhrase } from '../src/lib/quiz/types/highlight/units';
import { fnv1a, mulberry32 } from '../src/lib/quiz/order';
import type { MatchQuestion, MatchResponse } from '../src/lib/quiz/types/match';
import type { RespondQuestion, RespondResponse } from '../src/lib/quiz/types/respond';
import { first } from '../src/lib/server/db/results';
import { transaction } from '../src/lib/server/db/transaction';

export const DEMO_INSTRUCTOR_USERNAME = 'demo_teacher';
export const DEMO_INSTRUCTOR_NAME = 'Ms Demo';
export const DEMO_INSTRUCTOR_PASSWORD = 'demo teacher password';
export const DEMO_STUDENT_PASSWORD = 'demo student password';
export const DEMO_CLASS_NAME = 'Demo class: Period 2';
export const DEMO_CLASS_DESCRIPTION =
	'Made-up students and answers from `npm run demo`. Running it again resets them.';
export const DEFAULT_STUDENTS = 30;
export const DEFAULT_SEED = 20260;

/** Every username the demo owns: demo_student_01, demo_student_02, … (stored lower-case). */
/** Narrows the read to names starting demo_student_ (`_` escaped: LIKE's one-character wildcard); the pattern below decides. */
const DEMO_STUDENT_LIKE = 'demo\\_student\\_%';
const DEMO_STUDENT_PATTERN = /^demo_student_\d+$/;

// Invented names from many places; the roster sorts by display name, so they are mixed up.
const STUDENT_NAMES = [
	'Amara Okafor',
	'Mateo Hernández',
	'Yuki Tanaka',
	'Priya Raman',
	"Liam O'Brien",
	'Fatima Al-Sayed',
	'Chen Wei',
	'Sofia Rossi',
	'Kwame Mensah',
	'Ingrid Johansson',
	'Arjun Mehta',
	'Leilani Kahale',
	'Dmitri Volkov',
	'Nia Thompson',
	'Tomás Silva',
	'Hana Kim',
	'Oluwaseun Adeyemi',
	'Zeynep Yılmaz',
	'Mai Nguyen',
	'Jakub Nowak',
	'Aroha Ngata',
	'Samuel Cohen',
	'Lucía Fernández',
	'Sione Tupou',
	'Anika Sharma',
	'Ayesha Siddiqui',
	'Noah Becker',
	'Thandiwe Dlamini',
	'Omar Haddad',
	'Grace Mwangi'
];

export interface DemoOptions {
	/** How many students (default 30). */
	students?: number;
	/** PRNG seed: the same seed (and `now`) gives the same answers and times. */
	seed?: number;
	/** "Now" in ms since the epoch: every attempt is placed in the three weeks before it. */
	now?: number;
}

export interface DemoResult {
	instructor: { username: string; password: string };
	classId: string;
	joinCode: string;
	students: number;
	attempts: number;
}

export function demoStudentUsername(index: number, count = DEFAULT_STUDENTS): string {
	return `demo_student_${String(index).padStart(Math.max(2, String(count).length), '0')}`;
}

export function demoStudentName(index: number): string {
	const name = STUDENT_NAMES[(index - 1) % STUDENT_NAMES.length];
	const round = Math.floor((index - 1) / STUDENT_NAMES.length);
	return round === 0 ? name : `${name} ${round + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32 (from the quiz's order module), seeded per purpose so one student's
// answers do not depend on another's.

export type Rng = () => number;

/** A generator for one purpose (a student, …), independent of every other purpose. */
function rngFor(seed: number, label: string): Rng {
	return mulberry32((seed ^ fnv1a(label)) >>> 0);
}

/** A fixed number in [0, 1) for a label: the same whatever order things are asked in. */
function fixedUnit(seed: number, label: string): number {
	return rngFor(seed, label)();
}

const between = (rng: Rng, low: number, high: number) => low + (high - low) * rng();
const chance = (rng: Rng, p: number) => rng() < p;
const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

function pick<T>(rng: Rng, items: T[]): T {
	return items[Math.floor(rng() * items.length)];
}

/** One of `items`, more likely the heavier ones. */
function pickWeighted<T>(rng: Rng, items: T[], weight: (item: T) => number): T {
	const weights = items.map(weight);
	let roll = rng() * weights.reduce((a, b) => a + b, 0);
	for (let i = 0; i < items.length; i++) {
		roll -= weights[i];
		if (roll < 0) return items[i];
	}
	return items[items.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Responses. Each part (option, item, pair, phrase) is right with probability p; a wrong one is
// drawn from the other choices with fixed per-question weights, so some distractors attract
// many students (as real ones do) and the dashboard's answer counts look plausible.

interface Answerer {
	rng: Rng;
	seed: number;
	/** Probability of getting each part right. */
	p: number;
}

function appeal(a: Answerer, questionId: string, part: string, choice: string): number {
	const u = fixedUnit(a.seed, `appeal|${questionId}|${part}|${choice}`);
	return 0.15 + u * u * 3;
}

function choiceResponse(q: ChoiceQuestion, a: Answerer): ChoiceResponse {
	const right = q.options.filter((o) => o.correct);
	const wrong = q.options.filter((o) => !o.correct);
	const picked = new Set<string>();
	if (!q.multiple) {
		const option = chance(a.rng, a.p) || wrong.length === 0 ? right[0] : pickWeighted(a.rng, wrong, (o) => appeal(a, q.id, '', o.id));
		picked.add(option.id);
	} else {
		for (const option of right) if (chance(a.rng, a.p)) picked.add(option.id);
		for (const option of wrong) if (chance(a.rng, (1 - a.p) * 0.3 * appeal(a, q.id, '', option.id))) picked.add(option.id);
		if (picked.size === 0) picked.add(pick(a.rng, chance(a.rng, a.p) || wrong.length === 0 ? right : wrong).id);
	}
	// As parseResponse stores it: in the order the options are listed.
	return { selected: q.options.map((o) => o.id).filter((id) => picked.has(id)) };
}

function classifyResponse(q: ClassifyQuestion, a: Answerer): ClassifyResponse {
	const labels: Record<string, string> = {};
	for (const item of q.items) {
		const others = q.labels.filter((l) => l.id !== item.label);
		labels[item.id] =
			chance(a.rng, a.p) || others.length === 0 ? item.label : pickWeighted(a.rng, others, (l) => appeal(a, q.id, item.id, l.id)).id;
	}
	return { labels };
}

function matchResponse(q: MatchQuestion, a: Answerer): MatchResponse {
	const pairs: Record<string, string> = {};
	for (const item of q.left) {
		const others = q.right.filter((r) => r.id !== item.match);
		pairs[item.id] =
			chance(a.rng, a.p) || others.length === 0 ? item.match : pickWeighted(a.rng, others, (r) => appeal(a, q.id, item.id, r.id)).id;
	}
	return { pairs };
}

function highlightKey(q: HighlightQuestion) {
	const text = q.passage.text;
	const spans = unitSpans(text, q.unit);
	const cover = (phrase: { text: string }) => {
		const found = unitsOfPhrase(text, spans, phrase.text);
		return found.ok ? found.units : [];
	};
	const targets = q.targets.map(cover).filter((units) => units.length > 0);
	const decoys = q.decoys.map(cover).filter((units) => units.length > 0);
	const claimed = new Set([...targets, ...decoys].flat());
	const loose = spans.map((_, i) => i).filter((i) => !claimed.has(i));
	return { targets, decoys, loose };
}

function highlightResponse(q: HighlightQuestion, a: Answerer): HighlightResponse {
	const { targets, decoys, loose } = highlightKey(q);
	const picked = new Set<number>();
	for (const units of targets) {
		if (chance(a.rng, a.p)) units.forEach((u) => picked.add(u));
		// Half-right: part of a longer phrase.
		else if (units.length > 1 && chance(a.rng, 0.4)) units.slice(0, 1 + Math.floor(a.rng() * (units.length - 1))).forEach((u) => picked.add(u));
	}
	decoys.forEach((units, i) => {
		if (chance(a.rng, (1 - a.p) * 0.35 * appeal(a, q.id, 'decoy', String(i)))) units.forEach((u) => picked.add(u));
	});
	if (loose.length > 0 && chance(a.rng, (1 - a.p) * 0.3)) picked.add(pick(a.rng, loose));
	// Something has to be selected before the answer can be checked.
	if (picked.size === 0) {
		const wrongChoices = [...decoys, ...loose.map((u) => [u])];
		const fallback = chance(a.rng, a.p) || wrongChoices.length === 0 ? pick(a.rng, targets) : pick(a.rng, wrongChoices);
		fallback.forEach((u) => picked.add(u));
	}
	return { selected: [...picked].sort((x, y) => x - y) };
}

/** A valid response to the question, each part right with probability `p`. */
export function demoResponse(question: LoadedQuestion, rng: Rng, p: number, seed = DEFAULT_SEED): unknown {
	const answerer: Answerer = { rng, seed, p };
	const definition = question.definition as unknown;
	switch (question.type) {
		case 'choice':
			return choiceResponse(definition as ChoiceQuestion, answerer);
		case 'classify':
			return classifyResponse(definition as ClassifyQuestion, answerer);
		case 'match':
			return matchResponse(definition as MatchQuestion, answerer);
		case 'highlight':
			return highlightResponse(definition as HighlightQuestion, answerer);
		case 'respond':
			return respondResponse(definition as RespondQuestion, answerer);
	}
}

/** A written answer: the model answer in every field for a strong learner, a first try otherwise. */
function respondResponse(q: RespondQuestion, a: Answerer): RespondResponse {
	const strong = chance(a.rng, a.p);
	const text = (field: RespondQuestion['fields'][number]) =>
		field.kind === 'address' ? (strong ? 'en.wikipedia.org' : 'defapress.ir/en') : strong ? q.modelAnswers[0] : 'I think it says what the text says.';
	const fields = Object.fromEntries(q.fields.map((field) => [field.id, text(field).slice(0, field.maxLength).trim()]));
	return { fields };
}

function grade(question: LoadedQuestion, response: unknown): { earned: number; total: number } {
	const { earned, total } = questionType(question.type).grade(question.definition, response);
	return { earned, total };
}

// ---------------------------------------------------------------------------------------------
// Students and their three weeks.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN_DAYS = 21;

interface StudentPlan {
	index: number;
	username: string;
	displayName: string;
	/** 0.3 to 0.95: the chance of getting a part right, before question difficulty. */
	ability: number;
	/** Lessons got through, in course order (2 to all of them). */
	progress: number;
	takesBefore: boolean;
	/** How readily they try again after a less than perfect answer. */
	retries: number;
	joinedAt: number;
}

type DemoAttempt = NewAttempt & { createdAt: Date };

function planStudent(seed: number, index: number, count: number, lessons: number, now: number): StudentPlan {
	const rng = rngFor(seed, `student|${index}`);
	// Humped between 0.3 and 0.95: most students are middling, a few strong or struggling.
	const ability = 0.3 + 0.65 * ((rng() + rng() + rng()) / 3);
	// Stronger students are a little more likely to have finished.
	const finished = chance(rng, 0.3 + 0.35 * ((ability - 0.3) / 0.65));
	const minimum = Math.min(2, lessons);
	const progress = finished ? lessons : minimum + Math.floor(rng() * Math.max(1, lessons - minimum));
	return {
		index,
		username: demoStudentUsername(index, count),
		displayName: demoStudentName(index),
		ability,
		progress,
		takesBefore: chance(rng, 0.85),
		retries: between(rng, 0, 0.7),
		joinedAt: joiningTime(rng, now)
	};
}

/**
 * When a student joined: most in the first lesson three weeks ago (the code on the board at
 * 10:05), the rest over the next few school days.
 */
function joiningTime(rng: Rng, now: number): number {
	const first = new Date(now - SPAN_DAYS * DAY);
	first.setHours(10, 5, 0, 0);
	if (chance(rng, 0.8)) return first.getTime() + between(rng, 0.5, 12) * MINUTE;
	const later = new Date(first.getTime() + (1 + Math.floor(rng() * 4)) * DAY);
	later.setHours(8 + Math.floor(rng() * 7), Math.floor(rng() * 60), Math.floor(rng() * 60), 0);
	return later.getTime();
}

/** Seconds a learner plausibly spends on a question of this type. */
const THINKING_SECONDS: Record<LoadedQuestion['type'], [number, number]> = {
	choice: [35, 120],
	classify: [70, 210],
	highlight: [60, 200],
	match: [60, 180],
	respond: [120, 420]
};

/** A moment on the same day as `t` in school hours or the evening (local time). */
function sessionStart(rng: Rng, t: number): number {
	const day = new Date(t);
	const evening = chance(rng, 0.3);
	day.setHours(evening ? 18 + Math.floor(rng() * 3) : 8 + Math.floor(rng() * 7), Math.floor(rng() * 60), Math.floor(rng() * 60), 0);
	return day.getTime();
}

/** Every attempt of one student, oldest first (may move `plan.joinedAt` earlier). */
function studentAttempts(seed: number, plan: StudentPlan, userId: string, course: Course, now: number): DemoAttempt[] {
	const rng = rngFor(seed, `answers|${plan.index}`);
	const lessons = course.lessons;
	const last = lessons.length - 1;
	const reached = lessons.slice(0, plan.progress).filter((l) => plan.takesBefore || l.diagnostic !== 'before');
	// Someone still working may have started the next lesson (not a diagnostic: those are taken whole).
	const next = lessons[plan.progress];
	const partial = next && !next.diagnostic && chance(rng, 0.5) ? next : null;

	// Lessons spaced out over the weeks since joining, most recent no later than a few hours ago.
	const sessions = [...reached, ...(partial ? [partial] : [])];
	const available = now - 3 * HOUR - plan.joinedAt;
	const gaps = Math.max(1, sessions.length - 1);
	const finisher = plan.progress === lessons.length;
	// Finishers and slow-but-steady students are still around lately; the others stalled.
	const steady = finisher || chance(rng, 0.5);
	const usual = between(rng, 1.3, 2.3) * DAY;
	const pace = steady
		? Math.min(usual, (available - between(rng, 0, 2) * DAY) / gaps)
		: Math.min(usual, available / gaps);

	const out: DemoAttempt[] = [];
	let clock = plan.joinedAt;
	sessions.forEach((lesson, position) => {
		const planned = plan.joinedAt + position * pace;
		// The before check straight after joining; later lessons at a plausible hour of their day.
		let t = position === 0 ? plan.joinedAt + between(rng, 2, 15) * MINUTE : sessionStart(rng, planned);
		t = Math.max(t, clock + between(rng, 5, 40) * MINUTE);
		const number = lessons.indexOf(lesson);
		// Learning shows: better as the course goes on, best at the after check.
		const ability =
			lesson.diagnostic === 'before'
				? plan.ability * 0.7 + 0.05
				: lesson.diagnostic === 'after'
					? plan.ability + (1 - plan.ability) * 0.35
					: plan.ability * (0.9 + (0.1 * number) / Math.max(1, last));
		let ids = lesson.questionIds;
		if (lesson === partial) ids = ids.slice(0, Math.max(1, Math.round(ids.length * between(rng, 0.25, 0.8))));
		for (const questionId of ids) {
			const question = course.questions.get(questionId)!;
			const [low, high] = THINKING_SECONDS[question.type];
			t += between(rng, low, high) * 1000;
			// Some questions are harder than others for everyone.
			const difficulty = -0.2 + 0.3 * fixedUnit(seed, `difficulty|${questionId}`);
			const p = clamp(ability + difficulty, 0.05, 0.98);
			const response = demoResponse(question, rng, p, seed);
			const first = grade(question, response);
			const base = { userId, lessonSlug: lesson.slug, questionId, contentVersion: question.version };
			out.push({ ...base, response, ...first, createdAt: new Date(t) });
			// A second try after reading the feedback, better than the first (not in the checks).
			if (!lesson.diagnostic && first.earned < first.total && chance(rng, plan.retries)) {
				t += between(rng, 20, 90) * 1000;
				let retry = response;
				let regraded = first;
				for (let tries = 0; tries < 6 && regraded.earned <= first.earned; tries++) {
					retry = demoResponse(question, rng, p + (1 - p) * 0.6, seed);
					regraded = grade(question, retry);
				}
				if (regraded.earned > first.earned) out.push({ ...base, response: retry, ...regraded, createdAt: new Date(t) });
			}
		}
		clock = t;
	});

	// Keep everything in the past, whatever the pace came to (joining moves back with it).
	const overshoot = clock - (now - 10 * MINUTE);
	if (overshoot > 0) {
		for (const attempt of out) attempt.createdAt = new Date(attempt.createdAt.getTime() - overshoot);
		plan.joinedAt -= overshoot;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------

/** Removes the previous demo students (refusing if any of those names is a real account). */
async function removeDemoStudents(tx: Queryable, instructorId: string): Promise<void> {
	const found = (await tx
		.select({ id: users.id, username: users.username, role: users.role })
		.from(users)
		.where(sql`${users.username} like ${DEMO_STUDENT_LIKE} escape '\\'`)
		)
		.filter((user) => DEMO_STUDENT_PATTERN.test(user.username ?? ''));
	for (const user of found) {
		if (user.role !== 'student') {
			throw new Error(`${user.username} is a ${user.role} account, not a demo student: rename it or remove it first.`);
		}
		const elsewhere = (await first(tx
			.select({ classId: enrollments.classId })
			.from(enrollments)
			.innerJoin(classes, eq(enrollments.classId, classes.id))
			.where(and(eq(enrollments.userId, user.id), ne(classes.instructorId, instructorId)))
			));
		if (elsewhere) {
			throw new Error(`${user.username} is in another instructor's class, so it is not demo data: rename it or remove it first.`);
		}
		// Attempts, sessions, enrollments and reset codes go with the user (foreign keys).
		await tx.delete(users).where(eq(users.id, user.id));
	}
}

/**
 * Creates (or resets) the demo instructor, class, students and answers. See the top of this
 * file for what a second run does.
 */
export async function createDemoData(db: AppDatabase, course: Course, options: DemoOptions = {}): Promise<DemoResult> {
	const count = options.students ?? DEFAULT_STUDENTS;
	const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
	const now = options.now ?? Date.now();
	if (!Number.isInteger(count) || count < 1 || count > 999) throw new Error('students must be a whole number from 1 to 999');
	if (course.lessons.length === 0) throw new Error('the course has no lessons');

	// The same checks as signing up, so every demo account is one the app would accept.
	for (const password of [DEMO_INSTRUCTOR_PASSWORD, DEMO_STUDENT_PASSWORD]) {
		const problem = passwordProblem(password);
		if (problem) throw new Error(`demo password "${password}": ${problem}`);
	}
	const plans = Array.from({ length: count }, (_, i) => planStudent(seed, i + 1, count, course.lessons.length, now));
	for (const { username, displayName } of [{ username: DEMO_INSTRUCTOR_USERNAME, displayName: DEMO_INSTRUCTOR_NAME }, ...plans]) {
		const problem = usernameProblem(username) ?? displayNameProblem(displayName);
		if (problem) throw new Error(`demo account ${username}: ${problem}`);
	}

	// argon2 is asynchronous and SQLite transactions here are not: hash first (in parallel).
	const [instructorHash, ...studentHashes] = await Promise.all([
		hashPassword(DEMO_INSTRUCTOR_PASSWORD),
		...plans.map(() => hashPassword(DEMO_STUDENT_PASSWORD))
	]);

	return await transaction(db, async (tx) => {
		// The instructor: reused if present (same id), with the documented name and password.
		const username = normaliseUsername(DEMO_INSTRUCTOR_USERNAME);
		const existing = await first(tx.select().from(users).where(eq(users.username, username)));
		if (existing && existing.role !== 'instructor') {
			throw new Error(`${username} exists as a ${existing.role} account: rename it or remove it first.`);
		}
		const instructorId = existing?.id ?? crypto.randomUUID();
		if (existing) {
			await tx.update(users).set({ displayName: DEMO_INSTRUCTOR_NAME, passwordHash: instructorHash }).where(eq(users.id, instructorId));
		} else {
			await tx
				.insert(users)
				.values({
					id: instructorId,
					role: 'instructor',
					username,
					displayName: DEMO_INSTRUCTOR_NAME,
					passwordHash: instructorHash,
					createdAt: new Date(now - (SPAN_DAYS + 2) * DAY)
				});
		}

		await removeDemoStudents(tx, instructorId);

		// The class: reused if present (same id and join code), else created.
		let klass = (await first(tx
			.select()
			.from(classes)
			.where(and(eq(classes.instructorId, instructorId), eq(classes.name, DEMO_CLASS_NAME)))
			));
		if (klass) {
			await tx.update(classes)
				.set({ description: DEMO_CLASS_DESCRIPTION, archivedAt: null, joinCode: klass.joinCode ?? generateJoinCode() })
				.where(eq(classes.id, klass.id));
		} else {
			const made = await createClass(tx, instructorId, DEMO_CLASS_NAME, DEMO_CLASS_DESCRIPTION);
			await tx.update(classes).set({ createdAt: new Date(now - (SPAN_DAYS + 1) * DAY) }).where(eq(classes.id, made.id));
		}
		klass = (await first(tx.select().from(classes).where(and(eq(classes.instructorId, instructorId), eq(classes.name, DEMO_CLASS_NAME)))))!;

		// Students, enrolled the way joining by code would, and their answers.
		const all: DemoAttempt[] = [];
		for (const [i, plan] of plans.entries()) {
			const id = crypto.randomUUID();
			const answers = studentAttempts(seed, plan, id, course, now);
			await tx
				.insert(users)
				.values({
					id,
					role: 'student',
					username: normaliseUsername(plan.username),
					displayName: plan.displayName,
					passwordHash: studentHashes[i],
					createdAt: new Date(plan.joinedAt - between(rngFor(seed, `signup|${plan.index}`), 1, 10) * MINUTE)
				});
			await tx.insert(enrollments).values({ classId: klass.id, userId: id, joinedAt: new Date(plan.joinedAt) });
			all.push(...answers);
		}

		// Oldest first: "first" and "latest" attempts are found by id, so ids must follow time.
		all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
		// Like recordAttempt (which stamps the current time), with the response stored as JSON.
		for (let i = 0; i < all.length; i += 500) {
			await tx.insert(attempts).values(
				all.slice(i, i + 500).map((a) => ({
					...a,
					...answerDiscernment(course.questions.get(a.questionId)!, a.response),
					response: JSON.stringify(a.response)
				}))
			);
		}

		return {
			instructor: { username, password: DEMO_INSTRUCTOR_PASSWORD },
			classId: klass.id,
			joinCode: klass.joinCode!,
			students: plans.length,
			attempts: all.length
		};
	});
}
