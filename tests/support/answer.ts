import { expect, type Page } from '@playwright/test';
import { targetUnits, wrongUnits, type AuthoredQuestion } from './questions';

/** Fills in a question's form, right or wrong, the way a person would, and sends it. */
export async function fill(page: Page, question: AuthoredQuestion, right: boolean, javaScript: boolean) {
	await enter(page, question, right, javaScript);
	await page.locator(`section#${question.id}`).getByRole('button', { name: 'Check my answer' }).click();
}

/**
 * Fills in a question's form, right or wrong, without sending it. `javaScript`: whether the
 * page's script runs (a highlight question is then buttons, not checkboxes).
 */
export async function enter(page: Page, question: AuthoredQuestion, right: boolean, javaScript: boolean) {
	const section = page.locator(`section#${question.id}`);
	if (question.type === 'choice') {
		// Right: every correct option (all of them in a choose-all question); wrong: one wrong option.
		const options = right ? question.options!.filter((o) => o.correct) : [question.options!.find((o) => !o.correct)!];
		for (const option of options) await section.getByLabel(option.text, { exact: true }).check();
	}
	if (question.type === 'classify') {
		// Items are shown in a shuffled order: find each one's radio by its field name, not by position.
		for (const item of question.items!) {
			const label = right ? item.label : question.labels!.find((l) => l.id !== item.label)!.id;
			await section.locator(`input[name="item-${item.id}"][value="${label}"]`).check();
		}
	}
	if (question.type === 'highlight') {
		// A retry starts from the previous selection: clear it first.
		const selected = javaScript
			? section.locator('button.unit[aria-pressed="true"]')
			: section.locator('label.unit:has(input:checked)');
		while ((await selected.count()) > 0) await selected.first().click();
		for (const unit of right ? targetUnits(question) : wrongUnits(question)) {
			const toggle = javaScript
				? section.locator(`button[data-unit="${unit}"]`)
				: section.locator('label.unit', { has: page.locator(`input[value="${unit}"]`) });
			await toggle.click();
			if (javaScript) await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		}
	}
	if (question.type === 'match') {
		// Each item is a group of radio buttons, one per partner (shown in a shuffled order): by id.
		for (const item of question.left!) {
			const partner = right ? item.match : question.right!.find((r) => r.id !== item.match)!.id;
			await section.locator(`input[name="pair-${item.id}"][value="${partner}"]`).check();
		}
	}
	if (question.type === 'respond') {
		// A written answer has no wrong one: "right" writes the model answer, else a first try.
		for (const field of question.fields!) {
			const text = field.kind === 'address' ? (right ? 'en.wikipedia.org/wiki/Example' : 'not sure') : right ? question.modelAnswers![0] : 'I am not sure yet.';
			await section.getByLabel(field.label, { exact: true }).fill(text.slice(0, field.maxLength));
		}
	}
}


/** Ticks every self-check statement of a sent written answer and saves it (its score is then 100%). */
export async function selfCheckAll(page: Page, question: AuthoredQuestion) {
	const section = page.locator(`section#${question.id}`);
	for (const statement of question.selfCheck!) await section.getByLabel(statement.text).check();
	await section.getByRole('button', { name: 'Save my self-check' }).click();
	await expect(section).toContainText(`(${question.selfCheck!.length} of ${question.selfCheck!.length} ticked)`);
}
