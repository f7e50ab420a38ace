// `npm run demo`: fills the database with a demo instructor, a class of 30 made-up students and
// three weeks of their answers, so the instructor dashboard has something to show. Safe to run
// again: it resets the demo students and their answers (see scripts/demo-data.ts).
//
//   npm run demo                                  # data/app.db
//   DATABASE_URL=/tmp/try.db npm run demo         # another database
//   DEMO_SEED=7 DEMO_STUDENTS=12 npm run demo     # other answers, another class size
import { resolve } from 'node:path';
import { buildCourse } from '../src/lib/server/content/course';
import { ContentError } from '../src/lib/server/content/errors';
import { openConfiguredDatabase } from '../src/lib/server/db';
import { DIALECT } from '../src/lib/server/db/dialect';
import { databaseLabel } from './database-label.js';
import { closeDatabase, databasePath } from '../src/lib/server/db/open';
import {
	createDemoData,
	DEFAULT_SEED,
	DEFAULT_STUDENTS,
	DEMO_CLASS_NAME,
	DEMO_INSTRUCTOR_NAME,
	DEMO_STUDENT_PASSWORD,
	demoStudentName,
	demoStudentUsername
} from './demo-data';

function numberFrom(name: string, fallback: number): number {
	const value = process.env[name];
	if (value === undefined || value.trim() === '') return fallback;
	const number = Number(value);
	if (!Number.isInteger(number)) {
		console.error(`${name} must be a whole number, not "${value}".`);
		process.exit(1);
	}
	return number;
}

const students = numberFrom('DEMO_STUDENTS', DEFAULT_STUDENTS);
const seed = numberFrom('DEMO_SEED', DEFAULT_SEED);
const lessonsDir = resolve('lessons');
// Where the data goes, as the log shows it (a PostgreSQL URL without its password).
const path = DIALECT === 'postgres' ? databaseLabel() : databasePath();

let course;
try {
	course = await buildCourse(lessonsDir);
} catch (error) {
	if (error instanceof ContentError) {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}

const db = await openConfiguredDatabase();
try {
	const result = await createDemoData(db, course, { students, seed });
	const port = process.env.PORT ?? '3000';
	const student = demoStudentUsername(1, result.students);
	console.log(`
Demo data ready in ${path}
  ${result.students} students, ${result.attempts} answers over the last three weeks (seed ${seed})

  Instructor   username: ${result.instructor.username}
               password: ${result.instructor.password}
               (${DEMO_INSTRUCTOR_NAME})

  A student    username: ${student}
               password: ${DEMO_STUDENT_PASSWORD}
               (${demoStudentName(1)}; every demo student has this password,
               ${demoStudentUsername(1, result.students)} to ${demoStudentUsername(result.students, result.students)})

  Class        ${DEMO_CLASS_NAME}
  Join code    ${result.joinCode}

Start the app (npm start) and sign in as the instructor:
  Open http://localhost:${port}/teach
  (with npm run dev it is http://localhost:5173/teach)

Running npm run demo again resets the demo students and their answers.
`);
} finally {
	await closeDatabase(db);
}
