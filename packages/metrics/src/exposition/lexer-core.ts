import { isNameChar, isNameStart } from './char-classes.js';
import { ExpositionParseError } from './parse-error.js';

/** Character codes the lexers compare against. */
export const SPACE = 32;
export const TAB = 9;
export const HASH = 35;
export const LBRACE = 123;
export const RBRACE = 125;
export const EQUALS = 61;
export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;

/** Sets a label as an own property even when it is named `__proto__`. */
export function defineLabel(out: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Position state and the token readers every line needs: where the current
 * line is, blanks, metric names, token ends, located errors, and cached
 * searches for `{` and backslashes that keep scanning linear.
 */
export class LexerCore {
  /** 1-based number of the current line. */
  line = 0;
  /** Absolute index of the current line's first character. */
  start = 0;
  /** Absolute index just past the current line's last character (the `\n` or end of input). */
  end = 0;

  constructor(
    readonly text: string,
    readonly om: boolean,
  ) {}

  /** Throws a parse error located at absolute index `at` of the current line. */
  fail(at: number, reason: string): never {
    throw new ExpositionParseError(this.line, at - this.start + 1, reason);
  }

  /** Text format only: skips spaces and tabs. */
  skipBlanks(i: number): number {
    const { text, end } = this;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c !== SPACE && c !== TAB) break;
      i++;
    }
    return i;
  }

  /** Reads a metric name starting at `i`; returns the index after it. */
  readMetricName(i: number): number {
    const { text, end } = this;
    if (i >= end || !isNameStart(text.charCodeAt(i))) {
      this.fail(i, i >= end ? 'missing metric name' : `invalid metric name: unexpected ${describe(text, i)}`);
    }
    i++;
    while (i < end && isNameChar(text.charCodeAt(i))) i++;
    return i;
  }

  protected braceAt = -1;
  protected backslashAt = -1;

  /** The next `{` at or after `i` (text length when none); cached so that scanning stays linear. */
  protected findBrace(i: number): number {
    if (this.braceAt < i) {
      const p = this.text.indexOf('{', i);
      this.braceAt = p === -1 ? this.text.length : p;
    }
    return this.braceAt;
  }

  /** The next backslash at or after `i` (text length when none), cached like {@link findBrace}. */
  findBackslash(i: number): number {
    if (this.backslashAt < i) {
      const p = this.text.indexOf('\\', i);
      this.backslashAt = p === -1 ? this.text.length : p;
    }
    return this.backslashAt;
  }

  /** End of a token: the next space (tab too in text format) or the end of the line. */
  tokenEnd(i: number): number {
    const { text, end, om } = this;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === SPACE || (!om && c === TAB)) break;
      i++;
    }
    return i;
  }
}

/** A short description of the character at `i` for error messages. */
export function describe(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const ch = text[i];
  if (ch === '\n') return 'end of line';
  if (ch === '\t') return 'a tab';
  if (ch === ' ') return 'a space';
  return `"${ch}"`;
}
