import {
  isLabelChar,
  isLabelStart,
  isNameChar,
  isNameStart,
  isValidLabelName,
  matchesAt,
} from './char-classes.js';
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

/**
 * One sample line, tokenized and with its numbers parsed. Its labels stay in
 * the lexer's `names`/`values` arrays (first `labelCount` entries) until the
 * next line is read, so that lines that do not start a series allocate no
 * label object.
 */
export interface RawSample {
  name: string;
  labelCount: number;
  value: number;
  timestamp: number | undefined;
  exemplar: Exemplar | undefined;
  /** Absolute index of the `{`, or of the value when there are no labels. */
  labelsAt: number;
  valueAt: number;
}

/** Sets a label as an own property even when it is named `__proto__`. */
function defineLabel(out: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
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
   * Reads the rest of a sample line whose metric name `name` ends at
   * `nameEnd` (see {@link readMetricName}).
   */
  parseSample(name: string, nameEnd: number): RawSample {
    const { text, end, om } = this;
    let i = nameEnd;
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
      i = this.parseLabels(i, false);
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
    this.template = '';
    this.templateMatched = false;
    this.compact = false;
    const sample = this.sample;
    sample.name = name;
    sample.labelCount = labelCount;
    sample.value = value;
    sample.timestamp = undefined;
    sample.exemplar = undefined;
    sample.labelsAt = labelsAt;
    sample.valueAt = valueAt;
    if (om) this.parseOpenMetricsTail(i, sample);
    else this.parseTextTail(i, sample);
    return sample;
  }

  /**
   * The end of the metric name starting at `nameStart`: the first `{` or
   * space, or the end of the line. Uses native searches; the caller validates
   * the characters.
   */
  metricNameEnd(nameStart: number): number {
    const { text, end } = this;
    let sp = text.indexOf(' ', nameStart);
    if (sp === -1 || sp > end) sp = end;
    const brace = this.findBrace(nameStart);
    return Math.min(brace, sp);
  }

  /**
   * Fast path for the common line shape `name{a="x",b="y"} value`: native
   * searches instead of character loops, no escapes, no blanks, no
   * timestamp or exemplar. Returns false, having accepted nothing, when the
   * line is anything else; `parseSample` then parses it (and reports errors).
   */
  fastSample(name: string, nameEnd: number): boolean {
    const { text, end } = this;
    const names = this.names;
    let i = nameEnd;
    let count = 0;
    const labelsAt = i;
    if (i < end && text.charCodeAt(i) === LBRACE) {
      i++;
      if (text.charCodeAt(i) === RBRACE) i++;
      else
        for (;;) {
          const eq = text.indexOf('=', i);
          if (eq === -1 || eq >= end) return false;
          const candidate = text.slice(i, eq);
          const prev = names[count];
          let labelName: string;
          if (candidate === prev) labelName = prev;
          else if (isValidLabelName(candidate)) labelName = candidate;
          else return false;
          if (text.charCodeAt(eq + 1) !== QUOTE) return false;
          const valueAt = eq + 2;
          const valueEnd = text.indexOf('"', valueAt);
          if (valueEnd === -1 || valueEnd >= end || this.findBackslash(valueAt) < valueEnd) return false;
          for (let k = 0; k < count; k++) if (names[k] === labelName) return false;
          if (count >= this.valueStart.length) this.growLabels();
          names[count] = labelName;
          this.valueStart[count] = valueAt;
          this.valueEnd[count] = valueEnd;
          this.valueEscaped[count] = false;
          count++;
          const c = text.charCodeAt(valueEnd + 1);
          i = valueEnd + 2;
          if (c === RBRACE) break;
          if (c !== COMMA) return false;
        }
    }
    if (i >= end || text.charCodeAt(i) !== SPACE) return false;
    const valueAt = i + 1;
    const sp = text.indexOf(' ', valueAt);
    if (sp !== -1 && sp < end) return false;
    const value = parseValue(text, valueAt, end);
    if (value === null) return false;
    // Remember this line up to its last label value as the template for the next line.
    if (count > 0) {
      this.templateStart = nameEnd - name.length;
      this.template = text.slice(this.templateStart, this.valueStart[count - 1] as number);
    } else {
      this.template = '';
    }
    this.templateMatched = false;
    this.compact = true;
    const sample = this.sample;
    sample.name = name;
    sample.labelCount = count;
    sample.value = value;
    sample.timestamp = undefined;
    sample.exemplar = undefined;
    // Where the slow path would point at missing labels: the name's end, or after the blank in text.
    sample.labelsAt = count === 0 && !this.om && labelsAt === i ? valueAt : labelsAt;
    sample.valueAt = valueAt;
    this.lastLabelCount = count;
    return true;
  }

  /**
   * The previous fast-parsed line from its name up to the opening quote of
   * its last label value, and where that line started. Exporters write long
   * runs of lines that differ only in the last label value (histogram `le`,
   * a status code) and the sample value.
   */
  private template = '';
  private templateStart = 0;
  /** Whether the current line was read by {@link templateSample}. */
  templateMatched = false;
  /** Whether the current line was read by a fast path: no blanks, no escapes in its labels. */
  compact = false;

  /**
   * Fastest path: the line at `nameStart` repeats the previous fast-parsed
   * line up to its last label value (same name, same labels but the last
   * value), so only the last value and the sample value are read. The
   * repeated part was validated on the earlier line. Returns false, having
   * accepted nothing, otherwise.
   */
  templateSample(nameStart: number): boolean {
    const template = this.template;
    const { text, end } = this;
    const valueAt = nameStart + template.length;
    if (template === '' || valueAt >= end || text.slice(nameStart, valueAt) !== template) return false;
    const valueEnd = text.indexOf('"', valueAt);
    if (valueEnd === -1 || valueEnd >= end || this.findBackslash(valueAt) < valueEnd) return false;
    if (text.charCodeAt(valueEnd + 1) !== RBRACE || text.charCodeAt(valueEnd + 2) !== SPACE) return false;
    const sampleAt = valueEnd + 3;
    const sp = text.indexOf(' ', sampleAt);
    if (sp !== -1 && sp < end) return false;
    const value = parseValue(text, sampleAt, end);
    if (value === null) return false;
    const sample = this.sample;
    const count = sample.labelCount;
    const delta = nameStart - this.templateStart;
    for (let k = 0; k < count - 1; k++) {
      this.valueStart[k] = (this.valueStart[k] as number) + delta;
      this.valueEnd[k] = (this.valueEnd[k] as number) + delta;
    }
    this.valueStart[count - 1] = valueAt;
    this.valueEnd[count - 1] = valueEnd;
    this.templateStart = nameStart;
    this.templateMatched = true;
    this.compact = true;
    sample.value = value;
    sample.labelsAt += delta;
    sample.valueAt = sampleAt;
    return true;
  }

  /** The sample of the current line, filled by `fastSample` or `parseSample` (reused across lines). */
  readonly sample: RawSample = {
    name: '',
    labelCount: 0,
    value: 0,
    timestamp: undefined,
    exemplar: undefined,
    labelsAt: 0,
    valueAt: 0,
  };

  private braceAt = -1;
  private backslashAt = -1;

  /** The next `{` at or after `i` (text length when none); cached so that scanning stays linear. */
  private findBrace(i: number): number {
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

  private growLabels(): void {
    const start = new Int32Array(this.valueStart.length * 2);
    const stop = new Int32Array(this.valueStart.length * 2);
    start.set(this.valueStart);
    stop.set(this.valueEnd);
    this.valueStart = start;
    this.valueEnd = stop;
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
    i = this.parseLabels(i, true);
    const labels: Record<string, string> = {};
    let runes = 0;
    for (let k = 0; k < this.lastLabelCount; k++) {
      const name = this.exemplarNames[k] as string;
      const value = this.exemplarValues[k] as string;
      if (name === '__proto__') defineLabel(labels, name, value);
      else labels[name] = value;
      runes += runeLength(name) + runeLength(value);
    }
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
  /** Label names of the last sample line, in order (reused across lines, interned). */
  readonly names: string[] = [];
  /** Where each label value of the last sample line starts and ends in `text` (escaped form). */
  private valueStart = new Int32Array(16);
  private valueEnd = new Int32Array(16);
  private readonly valueEscaped: boolean[] = [];
  private readonly exemplarNames: string[] = [];
  private readonly exemplarValues: string[] = [];

  /** Index of label `name` on the current sample line, or -1. */
  labelIndex(name: string, count: number): number {
    // `le` and `quantile` are usually last.
    if (count > 0 && this.names[count - 1] === name) return count - 1;
    for (let k = 0; k < count; k++) if (this.names[k] === name) return k;
    return -1;
  }

  /** The (unescaped) value of the k-th label of the current sample line. */
  labelValueAt(k: number): string {
    const from = this.valueStart[k] as number;
    const to = this.valueEnd[k] as number;
    return this.valueEscaped[k] === true ? this.unescapeLabel(from, to) : this.text.slice(from, to);
  }

  /** The value of label `name` on the current sample line. */
  labelValue(name: string, count: number): string | undefined {
    const k = this.labelIndex(name, count);
    return k === -1 ? undefined : this.labelValueAt(k);
  }

  /** The k-th label value read as a number (`le`, `quantile`), null when it is not one. */
  labelNumber(k: number): number | null {
    if (this.valueEscaped[k] === true)
      return parseValue(this.labelValueAt(k), 0, this.labelValueAt(k).length);
    return parseValue(this.text, this.valueStart[k] as number, this.valueEnd[k] as number);
  }

  /** Whether the k-th label value equals `s`, compared in place when it has no escapes. */
  labelEquals(k: number, s: string): boolean {
    if (this.valueEscaped[k] === true) return this.labelValueAt(k) === s;
    const from = this.valueStart[k] as number;
    const to = this.valueEnd[k] as number;
    return to - from === s.length && this.text.slice(from, to) === s;
  }

  /**
   * An order-independent key of the current line's labels without `skip`:
   * `a="x",b="y"` with names sorted and values escaped canonically. On a
   * compact line whose names are sorted (and `skip`, if present, is last) that
   * is exactly the line's own text, so it is one slice.
   */
  groupKey(count: number, skip: string | undefined): string {
    const names = this.names;
    let last = count - 1;
    if (last >= 0 && names[last] === skip) last--;
    if (last < 0) return '';
    if (this.compact) {
      // Raw text is canonical when the kept names are sorted and `skip` is absent or last.
      let canonical = names[0] !== skip;
      for (let k = 1; k <= last && canonical; k++) {
        canonical = names[k] !== skip && (names[k - 1] as string) < (names[k] as string);
      }
      if (canonical) {
        const first = names[0] as string;
        return this.text.slice(
          (this.valueStart[0] as number) - first.length - 2,
          (this.valueEnd[last] as number) + 1,
        );
      }
    }
    const order: number[] = [];
    for (let k = 0; k < count; k++) if (names[k] !== skip) order.push(k);
    order.sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : 1));
    const pairs = order.map((k) => {
      const value = this.labelValueAt(k).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
      return `${names[k]}="${value}"`;
    });
    return pairs.join(',');
  }

  /** The current sample line's labels as an object, without label `skip`. */
  labelsObject(count: number, skip?: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (let k = 0; k < count; k++) {
      const name = this.names[k] as string;
      if (name === skip) continue;
      if (name === '__proto__') defineLabel(out, name, this.labelValueAt(k));
      else out[name] = this.labelValueAt(k);
    }
    return out;
  }

  /**
   * Parses `{name="value",...}` starting at the `{` into `names`/`values`
   * (or the exemplar arrays); returns the index after `}`.
   */
  parseLabels(i: number, exemplar: boolean): number {
    const { text, end, om } = this;
    const seen = exemplar ? this.exemplarNames : this.names;

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
      // Reuse the previous line's label name at the same position: exporters
      // repeat label names line after line, and interned names compare fast.
      const prevName = exemplar ? undefined : this.names[count];
      const labelName =
        prevName !== undefined && prevName.length === i - nameAt && matchesAt(text, prevName, nameAt)
          ? prevName
          : text.slice(nameAt, i);
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
      if (exemplar) {
        this.exemplarValues[count] = escaped ? this.unescapeLabel(valueAt, i) : text.slice(valueAt, i);
      } else {
        if (count >= this.valueStart.length) this.growLabels();
        this.valueStart[count] = valueAt;
        this.valueEnd[count] = i;
        this.valueEscaped[count] = escaped;
        if (escaped) this.unescapeLabel(valueAt, i); // validates the escapes now, for a located error
      }
      for (let k = 0; k < count; k++) {
        if (seen[k] === labelName) this.fail(nameAt, `duplicate label name "${labelName}"`);
      }
      seen[count] = labelName;
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
