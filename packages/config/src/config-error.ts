import { GovernorError } from '@governor/errors';
import type { ConfigIssue } from './config-issue.js';
import { formatIssue } from './format-issue.js';

/**
 * Thrown by {@link loadConfigOrThrow} when a config is invalid. Its code is
 * the first issue's code; `issues` holds all of them, and the message lists
 * them one per line.
 */
export class ConfigError extends GovernorError {
  /** Every issue found, in file order. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const first = issues[0];
    const head = `invalid config (${issues.length} issue${issues.length === 1 ? '' : 's'})`;
    super(first?.code ?? 'GOV_CONFIG_UNKNOWN', [head, ...issues.map(formatIssue)].join('\n'), {
      details: { issues: issues.map((i) => ({ ...i })) },
    });
    this.name = 'ConfigError';
    this.issues = Object.freeze([...issues]);
  }
}
