// What the components placed in lesson prose (<Question>, <Quote>) need from the lesson page,
// typed, instead of each reading the route's untyped page.data. The lesson page sets it with
// getters over its data, so it stays current after every answer.
import { createContext } from 'svelte';
import type { ResolvedQuote } from '../content/types';
import type { AnswerActionData, AnswerState, PublicBase } from '../quiz/contract';

export interface LessonContext {
	readonly slug: string;
	/** Whether the lesson is a before or after check (its questions are labelled "Check"). */
	readonly diagnostic: boolean;
	/** In a check: every question answered, so the result and all feedback are out. */
	readonly checkFinished: boolean;
	/** Question ids in page order, for "Question 4 of 9". */
	readonly questionIds: string[];
	readonly questions: Record<string, PublicBase>;
	readonly answers: Record<string, AnswerState>;
	/** In an unfinished check: questions answered, whose feedback waits until the end. */
	readonly saved: string[];
	/** The answer action's result (the question it was for, and any refusal). */
	readonly form: AnswerActionData | null;
	/** Precision, recall and F1 of highlight answers are for instructors, not learners. */
	readonly showMeasures: boolean;
	readonly quotes: Record<string, ResolvedQuote>;
	readonly sources: { id: string; name: string }[];
	/**
	 * Gives out the id of a quote's place in the page once: the first placement of a quotation
	 * gets it (ids must be unique), any repeat none.
	 */
	claimAnchor(anchor: string): string | undefined;
}

export const [getLessonContext, setLessonContext] = createContext<LessonContext>();
