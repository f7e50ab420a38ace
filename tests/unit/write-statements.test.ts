// A rule over the code: no write statement may be run through better-sqlite3's `.get()`.
// `.get()` stops after the first row; in autocommit mode the commit happens when the statement
// is reset, and better-sqlite3 ignores a failed reset there, so a write that never committed
// (disk full, read-only file, I/O error) would be acknowledged. Writes use `.run()` (with
// `lastInsertRowid`), and RETURNING is allowed only when the same chain ends in `.all()` or is a
// drizzle chain that is awaited (drizzle runs an awaited RETURNING with `.all()` on SQLite, and
// PostgreSQL's driver reads every row before it answers).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
	});
}

/** Each RETURNING (drizzle's `.returning(` or SQL's `returning`) not run with `.all()` or awaited, as "line: text". */
export function returningWithoutAll(source: string): string[] {
	const problems: string[] = [];
	const pattern = /\.returning\(|\breturning\b/gi;
	for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
		const lineStart = source.lastIndexOf('\n', match.index) + 1;
		const line = source.slice(lineStart, source.indexOf('\n', match.index) >>> 0 || undefined);
		if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue; // a comment about it
		const rest = source.slice(match.index);
		const statementEnd = rest.search(/;|\n\s*\n/);
		const statement = statementEnd === -1 ? rest : rest.slice(0, statementEnd);
		const before = source.slice(0, match.index);
		const statementStart = Math.max(before.lastIndexOf(';'), before.lastIndexOf('{\n'), before.lastIndexOf('}\n')) + 1;
		const awaitedChain = /\bawait\s+(db|tx)\b/.test(before.slice(statementStart)) && /^\.returning\(/.test(match[0]);
		if (!/\.all\(/.test(statement) && !awaitedChain) {
			problems.push(`${source.slice(0, match.index).split('\n').length}: ${line.trim()}`);
		}
	}
	return problems;
}

describe('write statements', () => {
	it('the check finds RETURNING read with .get() or stored for later, and allows .all()', () => {
		expect(returningWithoutAll(`db.insert(classes).values(v).returning().get();`)).toHaveLength(1);
		expect(returningWithoutAll("const s = client.prepare(`insert into t (a) values (?) returning id`);\ns.get(1);")).toHaveLength(1);
		expect(returningWithoutAll(`db.insert(classes).values(v).returning().all();`)).toEqual([]);
		expect(returningWithoutAll(`const [row] = await db.insert(classes).values(v).returning({ id: classes.id });`)).toEqual([]);
		expect(returningWithoutAll(`const query = db.insert(classes).values(v).returning();\nquery.get();`)).toHaveLength(1);
		expect(returningWithoutAll(`// no .returning().get() here\ndb.insert(t).values(v).run();`)).toEqual([]);
	});

	it('no file under src/ runs RETURNING without .all()', () => {
		const problems = sourceFiles('src').flatMap((file) =>
			returningWithoutAll(readFileSync(file, 'utf8')).map((problem) => `${file}:${problem}`)
		);
		expect(problems).toEqual([]);
	});
});
