// Validates every lesson, question and source. Run by `npm run build` and `npm test`;
// exits non-zero with one line per problem (file and id) when the content is broken.
import { resolve } from 'node:path';
import { buildCourse } from '../src/lib/server/content/course';
import { ContentError } from '../src/lib/server/content/errors';

const dir = resolve(process.argv[2] ?? 'lessons');
try {
	const course = await buildCourse(dir);
	console.log(
		`Content OK: ${course.lessons.length} lessons, ${course.questions.size} questions, ${course.sources.size} sources.`
	);
} catch (error) {
	if (error instanceof ContentError) {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}
