// The one place that maps a question's `type` to its module. Nothing else switches on type.
import type { QuestionType } from './contract';
import { choice } from './types/choice';
import { classify } from './types/classify';
import { highlight } from './types/highlight';
import { match } from './types/match';
import { respond } from './types/respond';

export const questionTypes = { choice, classify, highlight, match, respond } as const;

export type QuestionTypeName = keyof typeof questionTypes;

export function isQuestionType(name: string): name is QuestionTypeName {
	return Object.hasOwn(questionTypes, name);
}

/** Any question type, for code that handles every type alike through the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyQuestionType = QuestionType<any, any, any>;

export function questionType(name: QuestionTypeName): AnyQuestionType {
	return questionTypes[name];
}
