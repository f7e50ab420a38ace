import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { AnswerActionData, AnswerMarks, AnswerState, PublicBase } from '../../quiz/contract';
import { questionType } from '../../quiz/registry';
import { currentOrGuestUser } from '../auth/guest';
import { rateLimits } from '../auth/rate-limit';
import type { Course } from '../content/course';
import type { LoadedQuestion } from '../content/questions';
import type { AppDatabase } from '../db/open';
import { isDatabaseError, reportWriteFailure, reportWriteSuccess } from '../db/failures';
import type { Attempt } from '../db/schema';
import { readForm } from '../form-action';
import { recordAttemptSoon } from '../progress/attempts';
import { lessonState } from '../progress/course-progress';

/** What a learner reads when the database could not store their answer. */
export const ANSWER_NOT_SAVED = 'We could not save this answer. Your choices are still on the page; try again in a minute.';

export const TOO_MANY_ANSWERS =
	'That is more answers in a minute than anyone reads, so this one was not saved. Wait a minute, then check it again: your choices are still on the page.';

/**
 * Larger answers than this are refused before parsing. A written answer is the largest: up to
 * 5 fields of 2,000 characters, 10 KB of plain text, more where form encoding turns a character
 * into up to 9 bytes (“ is %E2%80%9C): the same limit as every other form leaves room for that.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Public projections, made once per question (a question's content never changes while the
 * server runs): a highlight question's projection splits its passage into units, which every
 * answer and lesson page would otherwise do again. Treat the result as read-only.
 */
const projections = new WeakMap<LoadedQuestion, PublicBase>();

/** The public projection of one question: no key, no feedback. */
export function publicQuestion(question: LoadedQuestion): PublicBase {
	let shown = projections.get(question);
	if (!shown) projections.set(question, (shown = questionType(question.type).toPublic(question.definition, question.version) as PublicBase));
	return shown;
}

/** The public projection of each question in a lesson: no keys, no feedback. */
export function publicQuestions(course: Course, questionIds: string[]): Record<string, PublicBase> {
	return Object.fromEntries(questionIds.map((id) => [id, publicQuestion(course.questions.get(id)!)]));
}

/**
 * Feedback for the questions the learner has answered, regraded from the stored response, with
 * what the type reveals only after answering and, for written answers, their marks (written.ts).
 */
export function answerStates(course: Course, latest: Map<string, Attempt>, marks: Map<number, AnswerMarks> = new Map()): Record<string, AnswerState> {
	const states: Record<string, AnswerState> = {};
	for (const [id, attempt] of latest) {
		const question = course.questions.get(id);
		if (!question || question.version !== attempt.contentVersion) continue;
		const response = JSON.parse(attempt.response);
		const type = questionType(question.type);
		const attemptMarks = marks.get(attempt.id);
		states[id] = {
			response,
			grade: type.grade(question.definition, response),
			explanation: question.definition.explanation,
			answeredAt: attempt.createdAt.getTime(),
			...(type.reveal ? { reveal: type.reveal(question.definition) } : {}),
			...(attemptMarks ? { marks: attemptMarks } : {})
		};
	}
	return states;
}

type AnswerFailure = ActionFailure<AnswerActionData>;

function refuse(status: number, questionId: string | null, error: string): AnswerFailure {
	return fail(status, { questionId, error });
}

/** Discernment of an answer: neutral parts met and flagged, framed parts met and missed (zeros for other types). */
export function answerDiscernment(
	question: LoadedQuestion,
	response: unknown
): { neutralSeen: number; neutralFlagged: number; framedSeen: number; framedMissed: number } {
	const discernment = questionType(question.type).discernment;
	if (!discernment) return { neutralSeen: 0, neutralFlagged: 0, framedSeen: 0, framedMissed: 0 };
	const { neutral, flagged, framed, missed } = discernment(question.definition, response);
	return { neutralSeen: neutral, neutralFlagged: flagged, framedSeen: framed, framedMissed: missed };
}

/**
 * The answer form action: parse, grade on the server, store one attempt, and report the
 * outcome. Nothing is stored unless the answer is valid; a guest user is created on the first
 * valid answer of a visitor without a session.
 */
export async function submitAnswer(
	db: AppDatabase,
	course: Course,
	lessonSlug: string,
	event: RequestEvent
): Promise<AnswerActionData | AnswerFailure> {
	const read = await readForm(event.request, MAX_ANSWER_BYTES);
	if (!read.ok) {
		return read.status === 413
			? refuse(413, null, 'That answer is far too long to be a real one, so it was not saved. Please reload the page and try again.')
			: refuse(400, null, 'We could not read that answer. Please reload the page and try again.');
	}
	const form = read.form;

	const questionId = form.get('questionId');
	const question: LoadedQuestion | undefined =
		typeof questionId === 'string' ? course.questions.get(questionId) : undefined;
	if (typeof questionId !== 'string' || !question) {
		return refuse(400, null, 'That question does not exist (any more). Please reload the page.');
	}
	const lesson = course.lessons.find((l) => l.slug === lessonSlug);
	if (!lesson || !lesson.questionIds.includes(questionId)) {
		return refuse(400, questionId, 'That question belongs to another lesson. Please answer it there.');
	}

	const type = questionType(question.type);
	const shown = publicQuestion(question);
	const parsed = type.parseResponse(form, shown);
	if (!parsed.ok) {
		// What was chosen so far comes back, so the page shows it again (also without JavaScript).
		const draft = type.draft?.(form, shown);
		return draft ? fail(400, { questionId, error: parsed.error, response: draft }) : refuse(400, questionId, parsed.error);
	}

	const limited =
		(event.locals.session && (await rateLimits.consume('answersPerSession', event.locals.session.id))) ||
		(await rateLimits.consume('answersPerIp', event.getClientAddress()));
	if (limited) return fail(429, { questionId, error: TOO_MANY_ANSWERS, response: parsed.response });

	const grade = type.grade(question.definition, parsed.response);
	const discernment = answerDiscernment(question, parsed.response);
	if (!event.locals.user) {
		const guestLimited = await rateLimits.consume('guestsPerIp', event.getClientAddress());
		if (guestLimited) return fail(429, { questionId, error: `${guestLimited} Signing in avoids this limit.`, response: parsed.response });
	}
	try {
		const newGuest = !event.locals.user;
		const user = await currentOrGuestUser(db, event);
		// A new guest's first answer counts towards its session's limit like the rest.
		if (newGuest && event.locals.session) await rateLimits.consume('answersPerSession', event.locals.session.id);
		// Shares its commit with answers that arrived at the same moment (see recordAttemptSoon).
		await recordAttemptSoon(db, {
			userId: user.id,
			lessonSlug,
			questionId,
			contentVersion: question.version,
			response: parsed.response,
			earned: grade.earned,
			total: grade.total,
			...discernment
		});
	} catch (error) {
		if (!isDatabaseError(error)) throw error;
		reportWriteFailure('answer', error);
		// The learner's choices come back with the refusal, so the page shows them again.
		return fail(503, { questionId, error: ANSWER_NOT_SAVED, response: parsed.response });
	}
	reportWriteSuccess();
	return { questionId };
}

/** The id of the end-of-check summary on a lesson page, where the last answer of a check leads. */
export const CHECK_RESULT_ANCHOR = 'check-result';

/**
 * The lesson's answer action. An answer sent by the enhanced form (JavaScript) gets its result
 * back as data. One sent by a plain form post is followed, once saved, by a 303 to the lesson at
 * that question (Post/Redirect/Get: refreshing the page then does not send the answer again),
 * or at the check's result when it was a check's last open question; the page shows the
 * feedback from the stored answer. Refusals are not redirected: they keep what was chosen.
 */
export async function answerAction(db: AppDatabase, course: Course, lessonSlug: string, event: RequestEvent) {
	const result = await submitAnswer(db, course, lessonSlug, event);
	if (event.request.headers.get('x-sveltekit-action') === 'true' || !('questionId' in result) || !result.questionId) return result;
	const lesson = course.lessons.find((l) => l.slug === lessonSlug)!;
	const finished = lesson.diagnostic !== null && event.locals.user && (await lessonState(db, course, lesson, event.locals.user.id)).diagnostic?.score != null;
	redirect(303, `/lessons/${lessonSlug}#${finished ? CHECK_RESULT_ANCHOR : result.questionId}`);
}
