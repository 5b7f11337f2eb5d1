import { GovernorError } from '@governor/errors';

/**
 * A located exposition parse error: `line` and `column` are 1-based (the
 * column counts UTF-16 code units from the start of the line).
 */
export class ExpositionParseError extends GovernorError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(line: number, column: number, rawReason: string) {
    const reason = visible(rawReason);
    super('GOV_METRICS_PARSE', `${line}:${column}: ${reason}`, { details: { line, column, reason } });
    this.name = 'ExpositionParseError';
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/** Control characters (a stray CR above all) written as escapes, so a message never hides them. */
function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 13) out += '\\r';
    else if ((c < 32 && c !== 9 && c !== 10) || c === 127) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
