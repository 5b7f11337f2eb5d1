import { GovernorError } from '@governor/errors';

/**
 * A located exposition parse error: `line` and `column` are 1-based (the
 * column counts UTF-16 code units from the start of the line).
 */
export class ExpositionParseError extends GovernorError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(line: number, column: number, reason: string) {
    super('GOV_METRICS_PARSE', `${line}:${column}: ${reason}`, { details: { line, column, reason } });
    this.name = 'ExpositionParseError';
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}
