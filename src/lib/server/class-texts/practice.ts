// A published practice set as students meet it: the same public projections, response parsing,
// grading and attempt rows as the course's questions. Attempts go to the `attempts` table under
// ids that no course question can have (course ids have no colon): lesson `practice:<textId>`,
// question `practice:<textId>:<questionId>`, version = the hash of the definition, as for the
// course. So the summary triggers keep them, and the course's own figures (which join
// course_questions) leave them out.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Source } from '../../content/types';
import type { AnswerActionData, AnswerState, PublicBase } from '../../quiz/contract';
import { questionType, type QuestionTypeName } from '../../quiz/registry';
import { rateLimits } from '../auth/rate-limit';
import { contentVersion, type LoadedQuestion } from '../content/questions';
import { sourceLabel } from '../content/views';
import { isEnrolled } from '../db/classes';
import { isDatabaseError, reportWriteFailure, reportWriteSuccess } from '../db/failures';
import type { AppDatabase } from '../db/open';
import { readForm } from '../form-action';
import { currentAttempts, recordAttempt } from '../progress/attempts';
import { ANSWER_NOT_SAVED, answerDiscernment, MAX_ANSWER_BYTES, TOO_MANY_ANSWERS } from '../quiz/answer';
import { classTextSource } from './source';
import { publishedForStudent, publishedPractice, textVersionById, textWithClass, type StoredPractice } from './store';

export const practiceSlug = (textId: string) => `practice:${textId}`;
export const attemptQuestionId = (textId: string, questionId: string) => `practice:${textId}:${questionId}`;

/** Whether a lesson slug of an attempt is a class practice set's, and whose. */
export function practiceTextId(lessonSlug: string): string | null {
	return lessonSlug.startsWith('practice:') ? lessonSlug.slice('practice:'.length) : null;
}

/** The set's questions as the course loads its own (type, definition, content version). */
export function loadedQuestions(practice: StoredPractice): LoadedQuestion[] {
	return practice.questions.map((definition) => ({
		file: `class practice ${practice.textId} v${practice.number}`,
		lessonDir: '',
		type: definition.type as QuestionTypeName,
		definition,
		version: contentVersion(definition)
	}));
}

/** The source a practice version quotes (its text version). */
export async function practiceSource(db: AppDatabase, practice: StoredPractice): Promise<Source> {
	const version = (await textVersionById(db, practice.textVersionId))!;
	const built = classTextSource(version.provenance, version.body);
	if (!built.ok) throw new Error(`class text ${practice.textId} v${version.number} no longer validates`);
	return built.source;
}

export interface StudentPractice {
	textId: string;
	classId: string;
	practice: StoredPractice;
	source: Source;
	questions: LoadedQuestion[];
}

/**
 * The published set of a text, for a student of its class (or its instructor): 404 for anyone
 * else, and for a text with nothing published, so no one learns what another class has.
 */
export async function practiceFor(db: AppDatabase, user: { id: string } | null, textId: string): Promise<StudentPractice> {
	const text = await textWithClass(db, textId);
	const practice = text ? await publishedPractice(db, textId) : null;
	if (!text || !practice || !user || !await isEnrolled(db, text.classId, user.id)) error(404, 'There is no practice set for you at this address.');
	return { textId, classId: text.classId, practice, source: await practiceSource(db, practice), questions: loadedQuestions(practice) };
}

/** What the page shows: public projections, and feedback for what the student has answered. */
export async function practicePageData(db: AppDatabase, userId: string, set: StudentPractice) {
	const versions = new Map(set.questions.map((q) => [attemptQuestionId(set.textId, q.definition.id), q.version]));
	const { latest } = await currentAttempts(db, userId, versions, [...versions.keys()]);
	const questions: Record<string, PublicBase> = {};
	const answers: Record<string, AnswerState> = {};
	for (const q of set.questions) {
		const type = questionType(q.type);
		questions[q.definition.id] = type.toPublic(q.definition, q.version) as PublicBase;
		const attempt = latest.get(attemptQuestionId(set.textId, q.definition.id));
		if (attempt) {
			const response = JSON.parse(attempt.response);
			answers[q.definition.id] = {
				response,
				grade: type.grade(q.definition, response),
				explanation: q.definition.explanation,
				answeredAt: attempt.createdAt.getTime()
			};
		}
	}
	return {
		textId: set.textId,
		title: set.source.provenance.title,
		label: sourceLabel(set.source.provenance),
		sourceId: set.source.id,
		questionIds: set.questions.map((q) => q.definition.id),
		questions,
		answers,
		answered: Object.keys(answers).length
	};
}

/**
 * The answer action of a practice page, as the lesson's: parse, grade on the server, store one
 * attempt; a plain form post is followed by a 303 to the question (Post/Redirect/Get).
 */
export async function practiceAnswerAction(db: AppDatabase, event: RequestEvent, textId: string) {
	const set = await practiceFor(db, event.locals.user, textId);
	const user = event.locals.user!;
	const read = await readForm(event.request, MAX_ANSWER_BYTES);
	if (!read.ok) {
		return fail(read.status, { questionId: null, error: 'We could not read that answer. Please reload the page and try again.' } satisfies AnswerActionData);
	}
	const form = read.form;
	const questionId = form.get('questionId');
	const question = set.questions.find((q) => q.definition.id === questionId);
	if (typeof questionId !== 'string' || !question) {
		return fail(400, { questionId: null, error: 'That question is not in this set (any more). Please reload the page.' } satisfies AnswerActionData);
	}
	const type = questionType(question.type);
	const shown = type.toPublic(question.definition, question.version);
	const parsed = type.parseResponse(form, shown);
	if (!parsed.ok) {
		const draft = type.draft?.(form, shown);
		return fail(400, { questionId, error: parsed.error, ...(draft ? { response: draft } : {}) } satisfies AnswerActionData);
	}
	const limited = event.locals.session && (await rateLimits.consume('answersPerSession', event.locals.session.id));
	if (limited) return fail(429, { questionId, error: TOO_MANY_ANSWERS, response: parsed.response } satisfies AnswerActionData);
	const grade = type.grade(question.definition, parsed.response);
	try {
		await recordAttempt(db, {
			userId: user.id,
			lessonSlug: practiceSlug(textId),
			questionId: attemptQuestionId(textId, questionId),
			contentVersion: question.version,
			response: parsed.response,
			earned: grade.earned,
			total: grade.total,
			...answerDiscernment(question, parsed.response)
		});
	} catch (caught) {
		if (!isDatabaseError(caught)) throw caught;
		reportWriteFailure('practice-answer', caught);
		return fail(503, { questionId, error: ANSWER_NOT_SAVED, response: parsed.response } satisfies AnswerActionData);
	}
	reportWriteSuccess();
	if (event.request.headers.get('x-sveltekit-action') === 'true') return { questionId } satisfies AnswerActionData;
	redirect(303, `/practice/${textId}#${questionId}`);
}

/** The published sets of the student's classes, for /progress: title, class, how many answered. */
export async function classPracticeList(db: AppDatabase, userId: string) {
	const list = [];
	for (const { textId, className } of await publishedForStudent(db, userId)) {
		const practice = (await publishedPractice(db, textId))!;
		const questions = loadedQuestions(practice);
		const versions = new Map(questions.map((q) => [attemptQuestionId(textId, q.definition.id), q.version]));
		const { latest } = await currentAttempts(db, userId, versions, [...versions.keys()]);
		list.push({
			textId,
			className,
			title: (await textVersionById(db, practice.textVersionId))!.provenance.title,
			questions: questions.length,
			answered: latest.size
		});
	}
	return list;
}
