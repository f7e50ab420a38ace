import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClass } from '../db/classes';
import { sqliteClient, openDatabase } from '../db/open';
import { users } from '../db/schema';
import { contentVersion } from '../content/questions';
import { checkTextForm } from './source';
import { createClassText, currentVersion, practiceDraft, publishDraft, publishedPractice, saveDraft, writeTextVersion, type QuestionDefinition } from './store';

const dir = mkdtempSync(join(tmpdir(), 'class-texts-'));
const db = openDatabase(join(dir, 'app.db'));
await db.insert(users).values({ id: 'teacher', role: 'instructor', username: 'teacher' });
const klass = await createClass(db, 'teacher', 'Period 1', null);
afterAll(async () => {
	sqliteClient(db).close();
	rmSync(dir, { recursive: true, force: true });
});

const checked = checkTextForm(
	{ title: 'T', outlet: 'O', outletAbout: 'A paper.', author: '', published: '2026-01-01', estimated: '', clue: '', url: '', genre: 'analysis' },
	'One sentence. Two sentence.',
	't-2026'
);
if (!checked.ok) throw new Error('form');
const question = (prompt: string): QuestionDefinition => ({ id: 'q', type: 'classify', prompt, explanation: 'Why.' });

describe('versions of a class text and its practice set', () => {
	it('edits in place until something is published on a version, then makes a new one', async () => {
		const textId = await createClassText(db, klass.id, checked.provenance, checked.text);
		const first = (await currentVersion(db, textId))!;
		await writeTextVersion(db, textId, { annotations: [{ sentence: 'One sentence.', kind: 'claim', attribution: 'none', loaded: [], note: 'n' }] });
		expect((await currentVersion(db, textId))!.id).toBe(first.id);

		await saveDraft(db, textId, first.id, [question('Label them.')]);
		expect(await publishDraft(db, textId)).toBe(true);
		const published = (await publishedPractice(db, textId))!;
		expect(await practiceDraft(db, textId)).toBeNull();

		// Annotating after publishing: a new text version; the published set keeps its own.
		const second = await writeTextVersion(db, textId, { annotations: [] });
		expect(second.number).toBe(2);
		expect((await publishedPractice(db, textId))!.textVersionId).toBe(first.id);

		// Editing the published set: a new draft; students still see the published version, unchanged.
		const draft = await saveDraft(db, textId, published.textVersionId, [question('Label each sentence.')]);
		expect(draft.number).toBe(published.number + 1);
		expect((await publishedPractice(db, textId))!.questions[0].prompt).toBe('Label them.');
		// A changed question has a new content version, so old attempts stay with the old one.
		expect(contentVersion(draft.questions[0])).not.toBe(contentVersion(published.questions[0]));
		await publishDraft(db, textId);
		expect((await publishedPractice(db, textId))!.number).toBe(draft.number);
	});
});
