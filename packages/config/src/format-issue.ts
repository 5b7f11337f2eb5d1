import type { ConfigIssue } from './config-issue.js';

/** Formats an issue as `file:line:col: path: message (did you mean "x"?)`. */
export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const path = issue.path === '' ? '' : `${issue.path}: `;
  const hint = issue.suggestion === undefined ? '' : ` (did you mean "${issue.suggestion}"?)`;
  return `${where}: ${path}${issue.message}${hint}`;
}
