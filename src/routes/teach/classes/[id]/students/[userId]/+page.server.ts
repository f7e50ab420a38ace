import { error } from '@sveltejs/kit';
import { requireOwnedClass } from '$lib/server/auth/guards';
import { getCourse } from '$lib/server/content';
import { studentAttempts } from '$lib/server/dashboard/queries';
import { getDb } from '$lib/server/db';
import { classStudents } from '$lib/server/db/classes';
import { questionType } from '$lib/quiz/registry';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { klass } = requireOwnedClass(getDb(), locals, url, params.id);
	const student = classStudents(getDb(), klass.id).find((s) => s.id === params.userId);
	if (!student) error(404, 'That student is not in this class.');
	const course = await getCourse();
	const lessonTitles = new Map(course.lessons.map((l) => [l.slug, `${l.number}. ${l.title}`]));
	const attempts = studentAttempts(getDb(), student.id).map((attempt) => {
		const question = course.questions.get(attempt.questionId);
		// The feedback they saw: the stored answer graded by the question as it was then.
		const current = question && question.version === attempt.contentVersion;
		const grade = current ? questionType(question.type).grade(question.definition, JSON.parse(attempt.response)) : null;
		return {
			id: attempt.id,
			lesson: lessonTitles.get(attempt.lessonSlug) ?? attempt.lessonSlug,
			prompt: question?.definition.prompt ?? attempt.questionId,
			score: attempt.total > 0 ? attempt.earned / attempt.total : 0,
			createdAt: attempt.createdAt,
			parts: grade?.parts.map((p) => ({ verdict: p.verdict, feedback: p.feedback })) ?? null
		};
	});
	return { klass: { id: klass.id, name: klass.name }, student, attempts };
};
