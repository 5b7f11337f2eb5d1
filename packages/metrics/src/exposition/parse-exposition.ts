import { FamilyAssembler, type MetadataKind } from './family-assembler.js';
import { LineLexer } from './line-lexer.js';
import type { MetricFamily, ParseExpositionOptions } from './types.js';

const HASH = 35;
const SPACE = 32;

/**
 * HELP text unescaping. Both formats know `\\` and `\n`; OpenMetrics also
 * `\"` and keeps unknown sequences as written, Prometheus text rejects them.
 */
function unescapeHelp(lx: LineLexer, from: number, to: number): string {
  const text = lx.text;
  const first = lx.findBackslash(from);
  if (first >= to) return text.slice(from, to);
  let out = text.slice(from, first);
  let i = first;
  while (i < to) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = i + 1 < to ? text[i + 1] : undefined;
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === '"' && lx.om) out += '"';
    else if (lx.om) out += next === undefined ? '\\' : `\\${next}`;
    else lx.fail(i, `invalid escape sequence "\\${next ?? ''}" in HELP`);
    i += 2;
  }
  return out;
}

function isMetadataKind(s: string): s is MetadataKind {
  return s === 'HELP' || s === 'TYPE' || s === 'UNIT';
}

/** `# HELP name text`, `# TYPE name type`, `# UNIT name unit` with single spaces. */
function openMetricsMetadata(lx: LineLexer, asm: FamilyAssembler, from: number): void {
  const { text, end } = lx;
  let i = from + 1;
  if (i >= end || text.charCodeAt(i) !== SPACE)
    lx.fail(i, 'expected a space after "#" (comments are not allowed)');
  i++;
  let kwEnd = text.indexOf(' ', i);
  if (kwEnd === -1 || kwEnd > end) kwEnd = end;
  const keyword = text.slice(i, kwEnd);
  if (!isMetadataKind(keyword)) {
    lx.fail(i, `unknown line "# ${keyword}" (OpenMetrics allows only HELP, TYPE, UNIT and EOF)`);
  }
  if (kwEnd >= end) lx.fail(kwEnd, `missing metric name after ${keyword}`);
  const nameAt = kwEnd + 1;
  const nameEnd = lx.readMetricName(nameAt);
  if (nameEnd >= end)
    lx.fail(nameEnd, `missing space and ${keyword.toLowerCase()} text after the metric name`);
  if (text.charCodeAt(nameEnd) !== SPACE) lx.fail(nameEnd, 'invalid metric name');
  const name = text.slice(nameAt, nameEnd);
  const valueAt = nameEnd + 1;
  const value = keyword === 'HELP' ? unescapeHelp(lx, valueAt, end) : text.slice(valueAt, end);
  asm.metadata(keyword, name, value, nameAt, valueAt);
}

/** `# HELP name text` or `# TYPE name type` with blanks; any other `#` line is a comment. */
function textComment(lx: LineLexer, asm: FamilyAssembler, hashAt: number): void {
  const { text, end } = lx;
  const kwAt = lx.skipBlanks(hashAt + 1);
  const kwEnd = lx.tokenEnd(kwAt);
  const keyword = text.slice(kwAt, kwEnd);
  if (keyword !== 'HELP' && keyword !== 'TYPE') return;
  const nameAt = lx.skipBlanks(kwEnd);
  if (nameAt >= end) return;
  const nameEnd = lx.readMetricName(nameAt);
  const after = text.charCodeAt(nameEnd);
  if (nameEnd < end && after !== SPACE && after !== 9) lx.fail(nameEnd, 'invalid metric name');
  const name = text.slice(nameAt, nameEnd);
  const valueAt = lx.skipBlanks(nameEnd);
  if (keyword === 'HELP') {
    asm.metadata('HELP', name, unescapeHelp(lx, valueAt, end), nameAt, valueAt);
    return;
  }
  const typeEnd = lx.tokenEnd(valueAt);
  if (typeEnd === valueAt) lx.fail(valueAt, `missing type after TYPE ${name}`);
  const rest = lx.skipBlanks(typeEnd);
  if (rest < end) lx.fail(rest, 'unexpected text after the type');
  asm.metadata('TYPE', name, text.slice(valueAt, typeEnd), nameAt, valueAt);
}

function isEof(text: string, from: number, end: number): boolean {
  return end - from === 5 && text.startsWith('# EOF', from);
}

/**
 * Parses a Prometheus text 0.0.4 or OpenMetrics 1.0.0 exposition into
 * families, with histograms and summaries reassembled per series.
 *
 * Strict: the first violation of the chosen grammar or of the family rules
 * (metadata placement, contiguous families and series, name clashes, value
 * rules per type, bucket order and `+Inf`, `# EOF`) throws an
 * {@link ExpositionParseError} with line, column and reason.
 *
 * With `options.families`, only those families are built and validated;
 * lines of other families are skipped once their metric name is read.
 */
export function parseExposition(text: string, options: ParseExpositionOptions): MetricFamily[] {
  const om = options.format === 'openmetrics';
  const wanted = options.families === undefined ? undefined : new Set(options.families);
  const lx = new LineLexer(text, om);
  const asm = new FamilyAssembler(lx, om, wanted);
  const n = text.length;
  let pos = 0;
  let line = 0;
  let eofLine = 0;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    line++;
    lx.line = line;
    lx.start = pos;
    lx.end = end;
    if (eofLine !== 0) lx.fail(pos, 'text after "# EOF"');
    // A CR before the LF would otherwise end up, invisible, inside the last token of the line.
    if (end > pos && text.charCodeAt(end - 1) === 13) {
      lx.fail(
        end - 1,
        'carriage return at the end of the line (CRLF line ending): lines must end with LF only',
      );
    }
    if (om) {
      if (end === pos) lx.fail(pos, 'blank line (not allowed in OpenMetrics)');
      if (text.charCodeAt(pos) === HASH) {
        if (isEof(text, pos, end)) eofLine = line;
        else openMetricsMetadata(lx, asm, pos);
      } else {
        asm.sample(pos);
      }
    } else {
      const c = text.charCodeAt(pos);
      const first = c === SPACE || c === 9 ? lx.skipBlanks(pos) : pos;
      if (first < end) {
        if (text.charCodeAt(first) === HASH) textComment(lx, asm, first);
        else asm.sample(first);
      }
    }
    pos = end + 1;
  }
  const families = asm.finish();
  if (om && eofLine === 0) {
    const endsWithNewline = n === 0 || text.charCodeAt(n - 1) === 10;
    lx.line = endsWithNewline ? line + 1 : line;
    lx.start = endsWithNewline ? n : lx.start;
    lx.fail(n, 'missing "# EOF" at the end');
  }
  return families;
}
