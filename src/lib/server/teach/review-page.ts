// Everything the review page shows, gathered in one place so the route stays a few lines.
import { quoteHref } from '../../content/types';
import { findQuote } from '../content/paragraphs';
import type { Course } from '../content/course';
import { sourceLabel } from '../content/views';
import { classStudents } from '../db/classes';
import type { AppDatabase } from '../db/open';
import type { Class } from '../db/schema';
import { queuedAnswer, reviewedQuestion, reviewQueue, writtenQuestionChoices, writtenResponse, type ReviewFilter, type ReviewStatus } from './reviews';

const STATUSES: ReviewStatus[] = ['waiting', 'reviewed', 'all'];

/** The filter asked for in the address (question, student, status); waiting answers by default. */
export function reviewFilter(params: URLSearchParams): ReviewFilter {
	const status = params.get('status') as ReviewStatus;
	return {
		questionId: params.get('question') || null,
		studentId: params.get('student') || null,
		status: STATUSES.includes(status) ? status : 'waiting'
	};
}

/** The filter as an address query, with extra parameters (the answer to show, the one just saved). */
export function filterQuery(filter: ReviewFilter, extra: Record<string, string | number | null> = {}): string {
	const params = new URLSearchParams();
	if (filter.questionId) params.set('question', filter.questionId);
	if (filter.studentId) params.set('student', filter.studentId);
	if (filter.status !== 'waiting') params.set('status', filter.status);
	for (const [key, value] of Object.entries(extra)) if (value !== null) params.set(key, String(value));
	return params.toString();
}

/**
 * Where "Save and next" goes: the next answer in the queue after the one just saved (by the
 * order they came in), else the first one left, else none.
 */
export async function nextAfterReview(db: AppDatabase, course: Course, classId: string, filter: ReviewFilter, savedId: number): Promise<number | null> {
	const queue = (await reviewQueue(db, course, classId, filter)).filter((a) => a.attemptId !== savedId);
	return (queue.find((a) => a.attemptId > savedId) ?? queue[0])?.attemptId ?? null;
}

/**
 * An attempt id from a form or address, or 0 (no attempt has it) when it is not a whole number of
 * at most 15 digits: PostgreSQL would refuse "1.5" or "NaN" against its 64-bit ids.
 */
export function attemptIdFrom(text: string | null): number {
	return text !== null && /^\d{1,15}$/.test(text) ? Number(text) : 0;
}

export async function reviewPageData(db: AppDatabase, course: Course, klass: Class, url: URL) {
	const filter = reviewFilter(url.searchParams);
	const queue = await reviewQueue(db, course, klass.id, filter);
	const asked = attemptIdFrom(url.searchParams.get('attempt'));
	// An answer asked for by id may be outside the filter (just reviewed, while showing waiting ones).
	const current =
		queue.find((a) => a.attemptId === asked) ??
		(asked ? await queuedAnswer(db, course, klass.id, asked) : null) ??
		queue[0] ??
		null;
	const question = current ? reviewedQuestion(course, current.questionId) : null;
	const source = question?.excerpt ? course.sources.get(question.excerpt.source) : undefined;
	const found = source && question?.excerpt ? findQuote(source, question.excerpt.text, question.excerpt.occurrence) : null;
	const savedId = attemptIdFrom(url.searchParams.get('saved'));
	const saved = savedId ? await queuedAnswer(db, course, klass.id, savedId) : null;
	const position = current ? queue.findIndex((a) => a.attemptId === current.attemptId) : -1;
	const following = position >= 0 ? (queue[position + 1] ?? (queue[0]?.attemptId !== current?.attemptId ? queue[0] : undefined)) : queue[0];
	return {
		klass: { id: klass.id, name: klass.name },
		filter,
		filterQuery: filterQuery(filter),
		questions: writtenQuestionChoices(course),
		students: (await classStudents(db, klass.id)).map((s) => ({ id: s.id, name: s.displayName ?? s.username ?? 'Student' })),
		queue: queue.map((a) => ({ ...a, prompt: course.questions.get(a.questionId)?.definition.prompt ?? a.questionId })),
		current: current && question ? { ...current, question, response: await writtenResponse(db, current.attemptId), position: position + 1 } : null,
		passage:
			question?.excerpt && source
				? { text: question.excerpt.text, source: sourceLabel(source.provenance), href: found?.ok ? quoteHref(found.quote) : `/sources/${source.id}` }
				: null,
		skipTo: following && following.attemptId !== current?.attemptId ? following.attemptId : null,
		saved: saved ? { studentName: saved.studentName } : null
	};
}
