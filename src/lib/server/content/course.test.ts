import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCourse } from './course';
import { ContentError, type ContentIssue } from './errors';

const FIXTURE = resolve('tests/fixtures/content/valid');
const copies: string[] = [];
afterEach(() => {
	for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the valid fixture, with `edit` applied to one of its files. */
function fixtureWith(file: string, edit: (text: string) => string): string {
	const dir = mkdtempSync(join(tmpdir(), 'course-content-'));
	copies.push(dir);
	cpSync(FIXTURE, dir, { recursive: true });
	const path = join(dir, file);
	writeFileSync(path, edit(readFileSync(path, 'utf8')));
	return dir;
}

async function issuesOf(dir: string): Promise<ContentIssue[]> {
	try {
		await buildCourse(dir);
	} catch (error) {
		if (error instanceof ContentError) return error.issues;
		throw error;
	}
	throw new Error('expected the content to be rejected');
}

describe('buildCourse on valid content', () => {
	it('orders lessons, strips numbers from slugs and links previous/next', async () => {
		const course = await buildCourse(FIXTURE);
		expect(course.lessons.map((l) => l.slug)).toEqual(['first-steps', 'second-look']);
		const [first, second] = course.lessons;
		expect(first.previous).toBeNull();
		expect(first.next?.slug).toBe('second-look');
		expect(second.previous?.title).toBe('First steps');
		expect(second.next).toBeNull();
	});

	it('resolves every quote to its paragraph and offsets', async () => {
		const course = await buildCourse(FIXTURE);
		const source = course.sources.get('town-news')!;
		const [gamble, repairs] = course.lessons[0].quotes;
		expect(gamble.paragraph).toBe(2);
		expect(source.text.slice(gamble.start, gamble.end)).toBe('Critics called it a reckless gamble.');
		expect(repairs.occurrence).toBe(2);
		expect(repairs.paragraph).toBe(3);
		expect(repairs.start).toBe(source.text.lastIndexOf('Repairs would take a month.'));
	});

	it('marks site furniture around the article body', async () => {
		const source = (await buildCourse(FIXTURE)).sources.get('town-news')!;
		expect(source.paragraphs.map((p) => p.region)).toEqual(['before', 'body', 'body', 'after']);
	});

	it('loads sentence annotations in text order, with loaded phrases', async () => {
		const annotations = (await buildCourse(FIXTURE)).annotations.get('town-news')!;
		expect(annotations.map((a) => [a.paragraph, a.kind, a.attribution])).toEqual([
			[2, 'claim', 'none'],
			[2, 'framing', 'vague'],
			[3, 'claim', 'none'],
			[3, 'claim', 'vague']
		]);
		expect(annotations[1].loaded).toEqual(['reckless gamble']);
	});

	it('loads the glossary', async () => {
		const course = await buildCourse(FIXTURE);
		expect(course.glossary).toEqual([{ id: 'claim', term: 'Claim', definition: 'A statement you could check.' }]);
	});

	it('loads questions and knows where they are placed', async () => {
		const course = await buildCourse(FIXTURE);
		expect([...course.questions.keys()]).toEqual(['fixture-one']);
		expect(course.lessons[0].questionIds).toEqual(['fixture-one']);
	});
});

describe('buildCourse rejects broken content, naming the file and the id', () => {
	it('a body sentence left without an annotation', async () => {
		const dir = fixtureWith('sources/town-news.annotations.yaml', (t) => t.split('- sentence: "Repairs')[0]);
		expect(await issuesOf(dir)).toContainEqual(
			expect.objectContaining({
				file: 'sources/town-news.annotations.yaml',
				id: 'sentence "Repairs would take a month."',
				message: 'not annotated (paragraph 3)'
			})
		);
	});

	it('an annotation for a sentence that is not in the body, a stray loaded phrase and a missing speaker', async () => {
		const dir = fixtureWith('sources/town-news.annotations.yaml', (t) =>
			t.replace('Menu', 'x').replace('on Monday.', 'on Tuesday.').replace('["reckless gamble"]', '["bold move"]').replace('  speaker: "a spokesperson"\n', '')
		);
		const messages = (await issuesOf(dir)).map((i) => `${i.id}: ${i.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/on Tuesday\.": is not a sentence of the article body/),
				expect.stringMatching(/reckless gamble\.": loaded phrase "bold move" is not in the sentence/),
				expect.stringMatching(/Repairs would take a month\.": say who the vague source is/),
				expect.stringMatching(/on Monday\.": not annotated/)
			])
		);
	});

	it('a link to a glossary term, lesson or source that does not exist', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) =>
			t.replace('(/glossary#claim)', '(/glossary#clam)').replace('## A section', '## A section\n\nSee [the next one](/lessons/third-time).')
		);
		const messages = (await issuesOf(dir)).map((i) => `${i.file} [${i.id}]: ${i.message}`);
		expect(messages).toEqual([
			'01-first-steps/lesson.md [first-steps]: link to /lessons/third-time leads nowhere',
			'01-first-steps/lesson.md [first-steps]: link to /glossary#clam leads nowhere'
		]);
	});

	it('a glossary term defined twice', async () => {
		const dir = fixtureWith('glossary.yaml', (t) => `${t}${t}`);
		expect(await issuesOf(dir)).toContainEqual({ file: 'glossary.yaml', id: 'claim', message: 'term defined twice' });
	});

	it('an unknown source', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) =>
			t.replace('source="town-news" text="Critics', 'source="city-news" text="Critics')
		);
		expect(await issuesOf(dir)).toContainEqual({
			file: '01-first-steps/lesson.md',
			id: 'quote "Critics called it a reckless gamble."',
			message: 'unknown source "city-news"'
		});
	});

	it('a quote that is not in the source', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) =>
			t.replace('a reckless gamble.', 'a reckless bet.')
		);
		const [issue] = await issuesOf(dir);
		expect(issue.file).toBe('01-first-steps/lesson.md');
		expect(issue.id).toBe('quote "Critics called it a reckless bet."');
		expect(issue.message).toMatch(/not found in source "town-news"/);
	});

	it('an ambiguous quote without an occurrence', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) => t.replace(' occurrence="2"', ''));
		const [issue] = await issuesOf(dir);
		expect(issue.id).toBe('quote "Repairs would take a month."');
		expect(issue.message).toMatch(/ambiguous: it occurs 2 times/);
	});

	it('an occurrence beyond the count', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) => t.replace('occurrence="2"', 'occurrence="3"'));
		const [issue] = await issuesOf(dir);
		expect(issue.message).toMatch(/occurrence 3 asked for, but the quote occurs 2 times/);
	});

	it('a duplicate question id', async () => {
		const dir = fixtureWith('02-second-look/lesson.md', (t) =>
			t.replace(
				'No quotes here.',
				"No quotes here.\n\n<script>\nimport Question from '$lib/components/Question.svelte';\n</script>\n\n<Question id=\"fixture-one\" />"
			)
		);
		writeFileSync(
			join(dir, '02-second-look/questions.yaml'),
			'- id: fixture-one\n  type: choice\n  prompt: Again?\n  explanation: E.\n  options:\n    - { id: a, text: A, correct: true, feedback: F }\n    - { id: b, text: B, correct: false, feedback: F }\n'
		);
		expect(await issuesOf(dir)).toContainEqual({
			file: '02-second-look/questions.yaml',
			id: 'fixture-one',
			message: 'duplicate question id (also in 01-first-steps/questions.yaml)'
		});
	});

	it('a question of an unknown type', async () => {
		const dir = fixtureWith('01-first-steps/questions.yaml', (t) => t.replace('type: choice', 'type: essay'));
		expect(await issuesOf(dir)).toContainEqual({
			file: '01-first-steps/questions.yaml',
			id: 'fixture-one',
			message: 'unknown question type "essay" (choice, classify, highlight, match or respond)'
		});
	});

	it('a key inconsistent with the options', async () => {
		const dir = fixtureWith('01-first-steps/questions.yaml', (t) => t.replace('correct: false', 'correct: true'));
		expect(await issuesOf(dir)).toContainEqual({
			file: '01-first-steps/questions.yaml',
			id: 'fixture-one',
			message: 'a single-answer question needs exactly one correct option, not 2'
		});
	});

	it('a question excerpt that is not in its source', async () => {
		const dir = fixtureWith('01-first-steps/questions.yaml', (t) => t.replace('reckless gamble.', 'bold gamble.'));
		const issues = await issuesOf(dir);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ file: '01-first-steps/questions.yaml', id: 'fixture-one' });
		expect(issues[0].message).toMatch(/^excerpt: .*not found in source "town-news"/);
	});

	it('a question missing a field its type needs', async () => {
		const dir = fixtureWith('01-first-steps/questions.yaml', (t) => t.replace(/  explanation: .*\n/, ''));
		const [issue] = await issuesOf(dir);
		expect(issue).toMatchObject({ file: '01-first-steps/questions.yaml', id: 'fixture-one' });
		expect(issue.message).toMatch(/^explanation: /);
	});

	it('bad frontmatter', async () => {
		const dir = fixtureWith('02-second-look/lesson.md', (t) => t.replace('minutes: 8', 'minutes: soon'));
		const [issue] = await issuesOf(dir);
		expect(issue.file).toBe('02-second-look/lesson.md');
		expect(issue.id).toBe('second-look');
		expect(issue.message).toMatch(/^frontmatter minutes: /);
	});

	it('a frontmatter source that does not exist', async () => {
		const dir = fixtureWith('02-second-look/lesson.md', (t) => t.replace('  - town-news', '  - nowhere'));
		expect(await issuesOf(dir)).toContainEqual({
			file: '02-second-look/lesson.md',
			id: 'second-look',
			message: 'frontmatter names unknown source "nowhere"'
		});
	});

	it('a placed question that is not defined, and a defined one not placed', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) =>
			t.replace('<Question id="fixture-one" />', '<Question id="fixture-two" />')
		);
		const issues = await issuesOf(dir);
		expect(issues).toContainEqual(
			expect.objectContaining({ file: '01-first-steps/lesson.md', id: 'fixture-two' })
		);
		expect(issues).toContainEqual(
			expect.objectContaining({ file: '01-first-steps/questions.yaml', id: 'fixture-one' })
		);
	});

	it('a source text changed after its digest was recorded', async () => {
		const dir = fixtureWith('sources/town-news.txt', (t) => t.replace('Monday', 'Tuesday'));
		const [issue] = await issuesOf(dir);
		expect(issue.file).toBe('sources/town-news.yaml');
		expect(issue.id).toBe('town-news');
		expect(issue.message).toMatch(/byte-for-byte/);
	});

	it('a body boundary that is not in the source', async () => {
		const dir = fixtureWith('sources/town-news.yaml', (t) => t.replace('last: A spokesperson', 'last: A spokesman'));
		const [issue] = await issuesOf(dir);
		expect(issue.message).toMatch(/^body\.last .*not found/);
	});

	it('a component used without being imported', async () => {
		const dir = fixtureWith('01-first-steps/lesson.md', (t) =>
			t.replace("  import Quote from '$lib/components/Quote.svelte';\n", '')
		);
		const issues = await issuesOf(dir);
		expect(issues).toContainEqual({
			file: '01-first-steps/lesson.md',
			id: 'first-steps',
			message: "<Quote> is used but not imported in the lesson's <script>"
		});
	});

	it('reports every problem at once in the error message', async () => {
		const dir = fixtureWith('02-second-look/lesson.md', (t) => t.replace('minutes: 8', 'minutes: soon'));
		writeFileSync(
			join(dir, '01-first-steps/lesson.md'),
			readFileSync(join(dir, '01-first-steps/lesson.md'), 'utf8').replace('reckless gamble', 'bold gamble')
		);
		await expect(buildCourse(dir)).rejects.toThrow(
			/01-first-steps\/lesson\.md \[quote "Critics called it a bold gamble\."\]: quote not found[\s\S]*02-second-look\/lesson\.md \[second-look\]: frontmatter minutes:/
		);
	});
});
