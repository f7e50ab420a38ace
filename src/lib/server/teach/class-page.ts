// Everything the class page shows, gathered in one place so the route stays a few lines.
import type { Course } from '../content/course';
import { gainBands, scoreBands } from '../dashboard/distributions';
import { whoNeedsHelp } from '../dashboard/help';
import { classMatrix, type MatrixSort } from '../dashboard/matrix';
import { classStudents } from '../db/classes';
import type { AppDatabase } from '../db/open';
import type { Class } from '../db/schema';
import type { RemovedStudent } from '../../teach/types';
import { recentRemovals, UNDO_WINDOW_MS } from './removals';
import { waitingForReview } from './reviews';

export const MATRIX_SORTS: MatrixSort[] = ['name', 'progress', 'score', 'active'];

/** The sort asked for in the address, or by name. */
export function matrixSort(url: URL): MatrixSort {
	const requested = url.searchParams.get('sort') as MatrixSort;
	return MATRIX_SORTS.includes(requested) ? requested : 'name';
}

export async function classPageData(db: AppDatabase, course: Course, klass: Class, url: URL) {
	const sort = matrixSort(url);
	const search = url.searchParams.get('q') ?? '';
	const matrix = await classMatrix(db, course, klass.id, sort, search);
	// Who needs help is about the whole class, whatever the search shows.
	const whole = search.trim() ? await classMatrix(db, course, klass.id, 'name') : matrix;
	const students = (await classStudents(db, klass.id)).map((s) => ({
		id: s.id,
		username: s.username,
		displayName: s.displayName ?? s.username ?? 'Student',
		joinedAt: s.joinedAt.getTime()
	}));
	const enrolled = new Set(students.map((s) => s.id));
	const removed: RemovedStudent[] = recentRemovals(klass.id)
		.filter((r) => !enrolled.has(r.userId))
		.map((r) => ({ userId: r.userId, name: r.name, removedAt: r.removedAt, undoUntil: r.removedAt + UNDO_WINDOW_MS }));
	return {
		klass: { id: klass.id, name: klass.name, description: klass.description, joinCode: klass.joinCode, archived: klass.archivedAt !== null },
		joinLink: klass.joinCode ? `${url.origin}/join?code=${klass.joinCode}` : null,
		matrix,
		sort,
		search,
		help: whoNeedsHelp(whole),
		charts: {
			scores: scoreBands(matrix.rows.map((r) => ({ score: r.doneScore ?? 0, answered: r.answered }))),
			gains: gainBands(matrix.rows)
		},
		students,
		removed,
		waitingReviews: await waitingForReview(db, course, klass.id)
	};
}
