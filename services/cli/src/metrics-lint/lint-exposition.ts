import { type ExpositionFormat, ExpositionParseError, parseExposition } from '@governor/metrics';
import { invalidUtf8Lines } from './invalid-utf8.js';

/** One violation of the exposition format, located in the input. */
export interface LintIssue {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** What {@link lintExposition} concluded about one exposition. */
export type LintResult =
  | { readonly ok: true; readonly families: number; readonly series: number }
  | {
      readonly ok: false;
      /** Every issue found, in input order, at most `maxErrors`. */
      readonly issues: readonly LintIssue[];
      /** More issues exist than `maxErrors` let through. */
      readonly truncated: boolean;
    };

/** Options of {@link lintExposition}. */
export interface LintOptions {
  /** Stop after this many issues. Default 20. */
  readonly maxErrors?: number;
}

/**
 * Checks an exposition against the chosen grammar and reports every issue,
 * not just the first: after each error its line is set aside and the rest
 * is checked again (so one broken family can also cause a follow-up issue).
 * Bytes are checked for UTF-8 first; CRLF line ends are reported once, by
 * name, then read as LF. Never throws for invalid input.
 */
export function lintExposition(
  input: string | Uint8Array,
  format: ExpositionFormat,
  options: LintOptions = {},
): LintResult {
  const maxErrors = Math.max(1, options.maxErrors ?? 20);
  const issues: LintIssue[] = [];
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const dropped = new Set<number>();
  if (typeof input !== 'string') {
    for (const bad of invalidUtf8Lines(input)) {
      issues.push({
        line: bad.line,
        column: bad.column,
        reason: `invalid UTF-8 (byte 0x${bad.byte.toString(16)})`,
      });
      dropped.add(bad.line);
    }
  }
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  if (crlf > 0) {
    const at = text.indexOf('\r\n');
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    issues.push({
      line,
      column: at - before.lastIndexOf('\n'),
      reason: `${crlf} line(s) end with CR LF ("\\r\\n"), first here; the format requires LF ("\\n") only`,
    });
    text = text.replaceAll('\r\n', '\n');
  }
  // Lines still checked, with their line number in the input.
  const lines = text.split('\n');
  let numbers = lines.map((_, i) => i + 1);
  const keep = numbers.map((n) => !dropped.has(n));
  let current = lines.filter((_, i) => keep[i]);
  numbers = numbers.filter((_, i) => keep[i]);
  for (;;) {
    let error: ExpositionParseError;
    try {
      const families = parseExposition(current.join('\n'), { format });
      if (issues.length === 0) {
        return {
          ok: true,
          families: families.length,
          series: families.reduce((n, f) => n + f.series.length, 0),
        };
      }
      break;
    } catch (thrown) {
      if (!(thrown instanceof ExpositionParseError)) throw thrown;
      error = thrown;
    }
    if (issues.length >= maxErrors) return { ok: false, issues: sorted(issues), truncated: true };
    const index = error.line - 1;
    const line = numbers[index] ?? (numbers.at(-1) ?? 0) + 1;
    issues.push({ line, column: error.column, reason: error.reason });
    // An error about the end of the input (a missing `# EOF`) is no line to set aside.
    const lastLine = current.at(-1) === '' ? current.length - 1 : current.length;
    if (index >= lastLine || error.reason.startsWith('missing "# EOF"')) break;
    current = current.filter((_, i) => i !== index);
    numbers = numbers.filter((_, i) => i !== index);
  }
  return { ok: false, issues: sorted(issues), truncated: false };
}

function sorted(issues: LintIssue[]): LintIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
