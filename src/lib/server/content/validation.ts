import * as v from 'valibot';

/** Turns valibot issues into messages such as `minutes: Invalid type: Expected number`. */
export function describeValibotIssues(issues: v.BaseIssue<unknown>[]): string[] {
	return issues.map((issue) => {
		const path = v.getDotPath(issue);
		return path ? `${path}: ${issue.message}` : issue.message;
	});
}
