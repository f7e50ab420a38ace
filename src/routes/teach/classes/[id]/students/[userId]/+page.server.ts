import { error } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { practiceQuestionLookup } from '$lib/server/class-texts/report';
import { getCourse } from '$lib/server/content';
import { studentAttemptsPage, type StudentPageAt } from '$lib/server/dashboard/queries';
import { groupByLesson, studentSummary } from '$lib/server/dashboard/student';
import { getDb } from '$lib/server/db';
import { classStudent } from '$lib/server/db/classes';
import { questionType } from '$lib/quiz/registry';
import { answerMarks } from '$lib/server/quiz/written';
import type { PageServerLoad } from './$types';

/** Answers per page: a student with thousands of them must not make a page of megabytes. */
const PAGE_SIZE = 100;

/** ?before=<attempt id> pages to older answers, ?after=<attempt id> to newer ones; neither, the newest. */
function pageAt(url: URL): StudentPageAt {
	const id = (name: string) => {
		const value = url.searchParams.get(name);
		if (value === null) return null;
		if (!/^\d{1,15}$/.test(value)) error(400, 'That page of answers does not exist.');
		return Number(value);
	};
	const before = id('before');
	const after = id('after');
	return after !== null ? { after } : before !== null ? { before } : null;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = await requireOwnedClass(getDb(), locals, url, params.id);
	const student = await classStudent(getDb(), klass.id, params.userId);
	if (!student) error(404, 'That student is not in this class.');
	const course = await getCourse();
	const lessonTitles = new Map(course.lessons.map((l) => [l.slug, `${l.number}. ${l.title}`]));
	const summary = await studentSummary(getDb(), course, student.id);
	const page = await studentAttemptsPage(getDb(), student.id, pageAt(url), PAGE_SIZE);
	const practice = await practiceQuestionLookup(getDb(), klass.id);
	// Written answers: their text, and whether the score is the student's self-check or a review.
	const marks = await answerMarks(getDb(), course, page.attempts);
	const attempts = page.attempts.map((attempt) => {
		// Class practice: the question of the practice version that has this content version.
		const inPractice = practice(attempt.lessonSlug, attempt.questionId, attempt.contentVersion);
		if (inPractice) lessonTitles.set(attempt.lessonSlug, inPractice.title);
		const question = inPractice ? (inPractice.question ?? undefined) : course.questions.get(attempt.questionId);
		const written = marks.get(attempt.id);
		// The feedback they saw: the stored answer graded by the question as it was then.
		const current = question && question.version === attempt.contentVersion;
		const grade = current ? questionType(question.type).grade(question.definition, JSON.parse(attempt.response)) : null;
		return {
			id: attempt.id,
			lessonSlug: attempt.lessonSlug,
			prompt: question?.definition.prompt ?? attempt.questionId,
			score: attempt.total > 0 ? attempt.earned / attempt.total : 0,
			createdAt: attempt.createdAt,
			parts: grade?.parts.map((p) => ({ verdict: p.verdict, feedback: p.feedback })) ?? null,
			written: written
				? {
						basis: written.score.basis,
						review: written.review,
						fields: Object.entries((JSON.parse(attempt.response) as { fields?: Record<string, string> }).fields ?? {}).map(([id, text]) => ({
							label: (question?.definition as { fields?: { id: string; label: string }[] } | undefined)?.fields?.find((f) => f.id === id)?.label ?? id,
							text
						}))
					}
				: null
		};
	});
	const first = attempts[0];
	const last = attempts.at(-1);
	return {
		klass: { id: klass.id, name: klass.name },
		student: { id: student.id, username: student.username, displayName: student.displayName ?? student.username ?? 'Student' },
		summary,
		// This page's answers by lesson, the lesson answered most recently first.
		groups: groupByLesson(attempts).map((g) => ({ ...g, lesson: lessonTitles.get(g.lessonSlug) ?? g.lessonSlug })),
		shown: attempts.length,
		total: page.total,
		newer: page.newer,
		// Links to the neighbouring pages, or null at either end.
		newerHref: first && page.newer > 0 ? `?after=${first.id}` : null,
		olderHref: last && page.newer + attempts.length < page.total ? `?before=${last.id}` : null
	};
};
