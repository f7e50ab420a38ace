/** One thing wrong with the course content, located by file and (where there is one) id. */
export interface ContentIssue {
	file: string;
	id: string | null;
	message: string;
}

export function formatIssue(issue: ContentIssue): string {
	return issue.id === null
		? `${issue.file}: ${issue.message}`
		: `${issue.file} [${issue.id}]: ${issue.message}`;
}

/** Thrown when the content does not validate; lists every issue found, not just the first. */
export class ContentError extends Error {
	readonly issues: ContentIssue[];

	constructor(issues: ContentIssue[]) {
		super(
			`The course content has ${issues.length} error${issues.length === 1 ? '' : 's'}:\n` +
				issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')
		);
		this.name = 'ContentError';
		this.issues = issues;
	}
}

/** Short form of a long quote, for error messages. */
export function abbreviate(text: string, max = 60): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
