import { isValidLabelName } from './char-classes.js';
import { LabelLexer } from './label-lexer.js';
import { COMMA, defineLabel, describe, HASH, LBRACE, QUOTE, RBRACE, SPACE } from './lexer-core.js';
import { parseOpenMetricsTimestamp, parseTextTimestamp, parseValue } from './numbers.js';
import type { Exemplar } from './types.js';

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
 * (blanks and tabs, trailing commas, millisecond timestamps). Sample lines go
 * through the fastest path that accepts them: a repeat of the previous line
 * but for its last label value, a compact line read with native searches, or
 * the full character-level parser that also reports errors.
 */
export class LineLexer extends LabelLexer {
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

  private parseTextTail(i: number, sample: RawSample): void {
    const { text, end } = this;
    i = this.skipBlanks(i);
    if (i >= end) return;
    const tsAt = i;
    i = this.tokenEnd(i);
    const ts = parseTextTimestamp(text, tsAt, i);
    if (ts === null) this.fail(tsAt, `invalid timestamp "${text.slice(tsAt, i)}" (want int64 milliseconds)`);
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
}
