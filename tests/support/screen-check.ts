// Looks at a page the way a person on a phone or a laptop would, and says what is wrong with it:
// the page scrolls sideways (outside regions that say they scroll), a tap target is smaller than
// 24 × 24 px (WCAG 2.5.8; links inside a sentence are exempt, as WCAG allows), or text is smaller
// than 12 px. It also saves a full-page screenshot under test-results/screens/, to be read by eye.
import type { Page } from '@playwright/test';

export const SCREEN_WIDTHS = { phone: 375, laptop: 1280 } as const;
export const MIN_TARGET_PX = 24;
export const MIN_TEXT_PX = 12;

export interface ScreenProblem {
	kind: 'sideways-scroll' | 'small-target' | 'small-text';
	detail: string;
}

/** The problems of the page as it is now; also saves `test-results/screens/<name>.png`. */
export async function checkScreen(page: Page, name: string): Promise<ScreenProblem[]> {
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
	return page.evaluate(
		({ minTarget, minText }) => {
			const problems: { kind: 'sideways-scroll' | 'small-target' | 'small-text'; detail: string }[] = [];
			const describe = (el: Element) => {
				const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
				return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> "${text}"`;
			};
			const hidden = (el: Element) => {
				const style = getComputedStyle(el);
				const box = el.getBoundingClientRect();
				return style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0 || el.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)') !== null;
			};

			// Sideways scrolling: the page itself may not be wider than the window. Regions that scroll
			// on their own (tables marked as such) are fine; their contents are not counted.
			const width = document.documentElement.clientWidth;
			if (document.documentElement.scrollWidth > width + 1) {
				const culprits = [...document.body.querySelectorAll('*')]
					.filter((el) => !el.closest('[role="region"][tabindex]') && el.getBoundingClientRect().right > width + 1 && !hidden(el))
					.slice(0, 3)
					.map(describe);
				problems.push({ kind: 'sideways-scroll', detail: `page is ${document.documentElement.scrollWidth}px wide in a ${width}px window: ${culprits.join(', ')}` });
			}

			// Tap targets. A radio or checkbox inside a label is as big as its label.
			const targets = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]');
			for (const el of targets) {
				if (hidden(el)) continue;
				const target = (el instanceof HTMLInputElement && ['radio', 'checkbox'].includes(el.type) && el.closest('label')) || el;
				// A link within a sentence (its block has more text than the link) is exempt.
				if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
					const block = el.parentElement?.closest('p, li, td, dd, figcaption, small, span');
					if (block && (block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length) continue;
				}
				const box = target.getBoundingClientRect();
				if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5) {
					problems.push({ kind: 'small-target', detail: `${describe(el)} is ${Math.round(box.width)}×${Math.round(box.height)}px` });
				}
			}

			// Text size: any element that holds text of its own.
			for (const el of document.body.querySelectorAll('*')) {
				const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
				if (!ownText || hidden(el) || el.closest('svg')) continue;
				const size = parseFloat(getComputedStyle(el).fontSize);
				if (size < minText - 0.01) problems.push({ kind: 'small-text', detail: `${describe(el)} is ${size}px` });
			}
			return problems;
		},
		{ minTarget: MIN_TARGET_PX, minText: MIN_TEXT_PX }
	);
}
