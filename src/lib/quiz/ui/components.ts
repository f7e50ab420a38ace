// Input and review components for each question type: the UI half of the registry
// (src/lib/quiz/registry.ts holds the logic half, which only the server needs).
import type { Component } from 'svelte';
import type { Grade } from '../contract';
import { choiceSummary } from '../types/choice/summary';
import { classifySummary } from '../types/classify/summary';
import { highlightSummary } from '../types/highlight/summary';
import { matchSummary } from '../types/match/summary';
import { respondSummary } from '../types/respond/summary';
import ChoiceInput from '../types/choice/Input.svelte';
import ChoiceReview from '../types/choice/Review.svelte';
import ClassifyInput from '../types/classify/Input.svelte';
import ClassifyReview from '../types/classify/Review.svelte';
import HighlightInput from '../types/highlight/Input.svelte';
import HighlightReview from '../types/highlight/Review.svelte';
import MatchInput from '../types/match/Input.svelte';
import MatchReview from '../types/match/Review.svelte';
import RespondInput from '../types/respond/Input.svelte';
import RespondReview from '../types/respond/Review.svelte';

// Each component is typed for its own question shape; Question.svelte passes the matching one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;

export interface QuestionUi {
	Input: AnyComponent;
	Review: AnyComponent;
	/** An answer that is not all right, in words: the heading of its feedback. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	summary: (question: any, grade: Grade) => string;
	/**
	 * A written answer has no right answer to hold back: its review (checks, model answer,
	 * self-check) shows at once after sending, instead of "Try again, or see the answer".
	 */
	written?: boolean;
}

export const questionComponents: Record<string, QuestionUi> = {
	choice: { Input: ChoiceInput, Review: ChoiceReview, summary: choiceSummary },
	classify: { Input: ClassifyInput, Review: ClassifyReview, summary: classifySummary },
	highlight: { Input: HighlightInput, Review: HighlightReview, summary: highlightSummary },
	match: { Input: MatchInput, Review: MatchReview, summary: matchSummary },
	respond: { Input: RespondInput, Review: RespondReview, summary: respondSummary, written: true }
};
