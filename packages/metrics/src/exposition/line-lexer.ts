import { isLabelChar, isLabelStart, isNameChar, isNameStart } from './char-classes.js';
import { parseOpenMetricsTimestamp, parseTextTimestamp, parseValue } from './numbers.js';
import { ExpositionParseError } from './parse-error.js';
import type { Exemplar } from './types.js';

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const LBRACE = 123;
const RBRACE = 125;
const EQUALS = 61;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

/** OpenMetrics: the combined label names and values of an exemplar, in code points. */
export const MAX_EXEMPLAR_LABEL_RUNES = 128;

/** One sample line, tokenized and with its numbers parsed. */
export interface RawSample {
  name: string;
  labels: Record<string, string>;
  labelCount: number;
  value: number;
  timestamp: number | undefined;
  exemplar: Exemplar | undefined;
  /** Absolute index of the `{`, or of the value when there are no labels. */
  labelsAt: number;
  valueAt: number;
}

function runeLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/**
 * Tokenizes one line of an exposition. `om` selects the OpenMetrics grammar
 * (single spaces, exemplars, second timestamps) over the Prometheus text one
 * (blanks and tabs, trailing commas, millisecond timestamps).
 */
export class LineLexer {
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

  /**
   * Reads the rest of a sample line whose metric name spans
   * `[nameStart, nameEnd)` (see {@link readMetricName}).
   */
  parseSample(nameStart: number, nameEnd: number): RawSample {
    const { text, end, om } = this;
    let i = nameEnd;
    const name = text.slice(nameStart, nameEnd);
    const labels: Record<string, string> = {};
    let labelCount = 0;
    let c = text.charCodeAt(i);
    if (!om && i < end && c !== LBRACE) {
      const j = this.skipBlanks(i);
      if (j === i) this.fail(i, `invalid metric name: unexpected ${describe(text, i)}`);
      i = j;
      c = text.charCodeAt(i);
    }
    const labelsAt = i;
    if (i < end && c === LBRACE) {
      i = this.parseLabels(i, labels, false);
      labelCount = this.lastLabelCount;
      c = text.charCodeAt(i);
    }
    if (om) {
      if (i >= end) this.fail(i, 'missing value');
      if (c !== SPACE) {
        this.fail(i, `expected a single space before the value, found ${describe(text, i)}`);
      }
      i++;
    } else {
      i = this.skipBlanks(i);
    }
    const valueAt = i;
    i = this.tokenEnd(i);
    if (i === valueAt) this.fail(valueAt, 'missing value');
    const value = parseValue(text, valueAt, i);
    if (value === null) this.fail(valueAt, `invalid value "${text.slice(valueAt, i)}"`);
    const sample: RawSample = {
      name,
      labels,
      labelCount,
      value,
      timestamp: undefined,
      exemplar: undefined,
      labelsAt,
      valueAt,
    };
    if (om) this.parseOpenMetricsTail(i, sample);
    else this.parseTextTail(i, sample);
    return sample;
  }

  private parseTextTail(i: number, sample: RawSample): void {
    const { text, end } = this;
    i = this.skipBlanks(i);
    if (i >= end) return;
    const tsAt = i;
    i = this.tokenEnd(i);
    const ts = parseTextTimestamp(text, tsAt, i);
    if (ts === null)
      this.fail(tsAt, `invalid timestamp "${text.slice(tsAt, i)}" (want integer milliseconds)`);
    sample.timestamp = ts;
    i = this.skipBlanks(i);
    if (i < end) this.fail(i, `unexpected ${describe(text, i)} after the timestamp`);
  }

  private parseOpenMetricsTail(i: number, sample: RawSample): void {
    const { text, end } = this;
    if (i >= end) return;
    if (text.charCodeAt(i) !== SPACE) this.fail(i, `unexpected ${describe(text, i)} after the value`);
    i++;
    if (i >= end) this.fail(i - 1, 'trailing space after the value');
    if (text.charCodeAt(i) !== HASH) {
      const tsAt = i;
      i = this.tokenEnd(i);
      if (i === tsAt) this.fail(tsAt, 'expected a timestamp or exemplar after the space');
      const ts = parseOpenMetricsTimestamp(text, tsAt, i);
      if (ts === null) this.fail(tsAt, `invalid timestamp "${text.slice(tsAt, i)}"`);
      sample.timestamp = ts;
      if (i >= end) return;
      i++;
      if (i >= end) this.fail(i - 1, 'trailing space after the timestamp');
      if (text.charCodeAt(i) !== HASH) this.fail(i, `unexpected ${describe(text, i)} after the timestamp`);
    }
    sample.exemplar = this.parseExemplar(i);
  }

  /** `# {labels} value [timestamp]` starting at the `#`. */
  private parseExemplar(i: number): Exemplar {
    const { text, end } = this;
    i++;
    if (i >= end || text.charCodeAt(i) !== SPACE) this.fail(i, 'expected a space after the exemplar "#"');
    i++;
    if (i >= end || text.charCodeAt(i) !== LBRACE) this.fail(i, 'expected "{" to start the exemplar labels');
    const labelsAt = i;
    const labels: Record<string, string> = {};
    i = this.parseLabels(i, labels, true);
    let runes = 0;
    for (const k in labels) runes += runeLength(k) + runeLength(labels[k] ?? '');
    if (runes > MAX_EXEMPLAR_LABEL_RUNES) {
      this.fail(labelsAt, `exemplar labels have ${runes} characters, more than ${MAX_EXEMPLAR_LABEL_RUNES}`);
    }
    if (i >= end || text.charCodeAt(i) !== SPACE) this.fail(i, 'expected a space before the exemplar value');
    i++;
    const valueAt = i;
    i = this.tokenEnd(i);
    if (i === valueAt) this.fail(valueAt, 'missing exemplar value');
    const value = parseValue(text, valueAt, i);
    if (value === null) this.fail(valueAt, `invalid exemplar value "${text.slice(valueAt, i)}"`);
    if (i >= end) return { labels, value };
    i++;
    const tsAt = i;
    i = this.tokenEnd(i);
    if (i === tsAt) this.fail(tsAt - 1, 'trailing space after the exemplar value');
    const ts = parseOpenMetricsTimestamp(text, tsAt, i);
    if (ts === null) this.fail(tsAt, `invalid exemplar timestamp "${text.slice(tsAt, i)}"`);
    if (i < end) this.fail(i, `unexpected ${describe(text, i)} after the exemplar`);
    return { labels, value, timestamp: ts };
  }

  /** Number of labels read by the last {@link parseLabels} call. */
  lastLabelCount = 0;

  /** Parses `{name="value",...}` starting at the `{`; returns the index after `}`. */
  parseLabels(i: number, out: Record<string, string>, exemplar: boolean): number {
    const { text, end, om } = this;
    let count = 0;
    i++;
    if (!om) i = this.skipBlanks(i);
    if (i < end && text.charCodeAt(i) === RBRACE) {
      this.lastLabelCount = 0;
      return i + 1;
    }
    for (;;) {
      const nameAt = i;
      if (i >= end || !isLabelStart(text.charCodeAt(i))) {
        this.fail(
          i,
          i >= end ? 'unterminated label set' : `invalid label name: unexpected ${describe(text, i)}`,
        );
      }
      i++;
      while (i < end && isLabelChar(text.charCodeAt(i))) i++;
      const labelName = text.slice(nameAt, i);
      if (!om) i = this.skipBlanks(i);
      if (i >= end || text.charCodeAt(i) !== EQUALS) {
        this.fail(i, `expected "=" after label name "${labelName}", found ${describe(text, i)}`);
      }
      i++;
      if (!om) i = this.skipBlanks(i);
      if (i >= end || text.charCodeAt(i) !== QUOTE) {
        this.fail(i, `expected a quoted value for label "${labelName}", found ${describe(text, i)}`);
      }
      i++;
      const valueAt = i;
      let escaped = false;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) break;
        if (c === BACKSLASH) {
          escaped = true;
          i++;
        }
        i++;
      }
      if (i >= end) this.fail(valueAt - 1, `unterminated value of label "${labelName}"`);
      const value = escaped ? this.unescapeLabel(valueAt, i) : text.slice(valueAt, i);
      if (Object.hasOwn(out, labelName)) this.fail(nameAt, `duplicate label name "${labelName}"`);
      out[labelName] = value;
      count++;
      i++;
      if (!om) i = this.skipBlanks(i);
      const c = i < end ? text.charCodeAt(i) : -1;
      if (c === RBRACE) {
        this.lastLabelCount = count;
        return i + 1;
      }
      if (c !== COMMA) {
        this.fail(i, `expected "," or "}" after label "${labelName}", found ${describe(text, i)}`);
      }
      i++;
      if (!om) {
        i = this.skipBlanks(i);
        if (i < end && text.charCodeAt(i) === RBRACE) {
          this.lastLabelCount = count;
          return i + 1;
        }
      }
      if (exemplar && i >= end) this.fail(i, 'unterminated exemplar label set');
    }
  }

  private unescapeLabel(from: number, to: number): string {
    const { text } = this;
    let out = '';
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c !== BACKSLASH) {
        out += text[i];
        i++;
        continue;
      }
      const next = text[i + 1];
      if (next === '\\') out += '\\';
      else if (next === 'n') out += '\n';
      else if (next === '"') out += '"';
      else if (this.om) out += `\\${next ?? ''}`;
      else this.fail(i, `invalid escape sequence "\\${next ?? ''}" in label value`);
      i += 2;
    }
    return out;
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
