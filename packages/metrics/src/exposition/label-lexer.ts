import { isLabelChar, isLabelStart, matchesAt } from './char-classes.js';
import { BACKSLASH, COMMA, defineLabel, describe, EQUALS, LexerCore, QUOTE, RBRACE } from './lexer-core.js';
import { parseValue } from './numbers.js';

/**
 * Label sets of sample lines: parses `{name="value",...}` into reused
 * arrays (names interned across lines, values as positions in the text so
 * that lines which do not start a series allocate nothing) and answers
 * questions about them (value of a label, equality, canonical key, object).
 */
export class LabelLexer extends LexerCore {
  /** Whether the current line was read by a fast path: no blanks, no escapes in its labels. */
  compact = false;

  protected growLabels(): void {
    const start = new Int32Array(this.valueStart.length * 2);
    const stop = new Int32Array(this.valueStart.length * 2);
    start.set(this.valueStart);
    stop.set(this.valueEnd);
    this.valueStart = start;
    this.valueEnd = stop;
  }

  /** Number of labels read by the last {@link parseLabels} call. */
  lastLabelCount = 0;
  /** Label names of the last sample line, in order (reused across lines, interned). */
  readonly names: string[] = [];
  /** Where each label value of the last sample line starts and ends in `text` (escaped form). */
  protected valueStart = new Int32Array(16);
  protected valueEnd = new Int32Array(16);
  protected readonly valueEscaped: boolean[] = [];
  protected readonly exemplarNames: string[] = [];
  protected readonly exemplarValues: string[] = [];

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

  protected unescapeLabel(from: number, to: number): string {
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
}
