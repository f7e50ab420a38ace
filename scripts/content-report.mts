// The figures behind the content check's measurement rules (npm run content:report): how often a
// single-answer question's key is the longest option, where authors put the keys, and the skill
// table of the two diagnostics.
import { resolve } from 'node:path';
import { buildCourse } from '../src/lib/server/content/course';
import { measurementReport } from '../src/lib/server/content/measurement';

const dir = resolve(process.argv[2] ?? 'lessons');
const course = await buildCourse(dir);
// The built course already holds what the report needs of each lesson: no second load.
const lessons = course.lessons.map((l) => ({
	slug: l.slug,
	file: `${l.dir}/lesson.md`,
	diagnostic: l.diagnostic,
	questionIds: l.questionIds,
	quotes: l.quotes
}));
const report = measurementReport(lessons, course.questions);
const share = (n: number) => `${n} of ${report.singleAnswer} (${Math.round((100 * n) / report.singleAnswer)}%)`;
console.log(`Single-answer questions whose right option is the longest: ${share(report.keyLongest.length)}`);
const a = report.absoluteWords;
console.log(`Choice options with an absolute word (always, never, only…): right ${a.right} of ${a.rightOptions}, wrong ${a.wrong} of ${a.wrongOptions}`);
console.log(`Authored position of the right option (1st, 2nd, …): ${report.authoredKeyPositions.join(', ')}`);
console.log('\n| skill | before (lesson 00) | after (lesson 10) | shape |\n| --- | --- | --- | --- |');
for (const row of report.skills) {
	console.log(`| ${row.skill} | ${row.before.map((i) => i.id).join(', ')} | ${row.after.map((i) => i.id).join(', ')} | ${row.before[0]?.shape ?? row.after[0]?.shape} |`);
}
