// Input and review components for each question type: the UI half of the registry
// (src/lib/quiz/registry.ts holds the logic half, which only the server needs).
import type { Component } from 'svelte';
import ChoiceInput from '../types/choice/Input.svelte';
import ChoiceReview from '../types/choice/Review.svelte';
import ClassifyInput from '../types/classify/Input.svelte';
import ClassifyReview from '../types/classify/Review.svelte';
import HighlightInput from '../types/highlight/Input.svelte';
import HighlightReview from '../types/highlight/Review.svelte';
import MatchInput from '../types/match/Input.svelte';
import MatchReview from '../types/match/Review.svelte';

// Each component is typed for its own question shape; Question.svelte passes the matching one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;

export const questionComponents: Record<string, { Input: AnyComponent; Review: AnyComponent }> = {
	choice: { Input: ChoiceInput, Review: ChoiceReview },
	classify: { Input: ClassifyInput, Review: ClassifyReview },
	highlight: { Input: HighlightInput, Review: HighlightReview },
	match: { Input: MatchInput, Review: MatchReview }
};
