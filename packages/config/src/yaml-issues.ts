import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { ConfigIssue } from './config-issue.js';
import { governorSchema } from './definition/root.js';
import { type FieldPath, formatPath } from './field-path.js';
import type { ArrayNode } from './schema/array-node.js';
import type { ObjectNode } from './schema/object-node.js';
import type { RecordNode } from './schema/record-node.js';
import type { SchemaNode } from './schema/schema-node.js';
import type { TaggedNode } from './schema/tagged-node.js';

/** Deepest nesting a config file may have; the schema itself is under 10 levels deep. */
export const MAX_NESTING = 64;

/** What the YAML parser reports, in the shape this module reads. */
export interface YamlErrorLike {
  code: string;
  message: string;
  pos: [number, number];
  linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, { line: number; col: number }];
}

/** Messages that would name the parser's own API or internals, in words for an operator. */
const MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second "---"); a config file is one document',
  RESOURCE_EXHAUSTION: 'aliases expand to too many nodes',
};

/**
 * A YAML syntax error as a config issue: file, line, column, the path of the
 * innermost field around the error when the partial document has one, and a
 * message in the operator's words (never the parser's API names).
 */
export function yamlIssue(
  error: YamlErrorLike,
  file: string,
  lines: LineCounter,
  doc: Document.Parsed,
): ConfigIssue {
  const at = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
  const first = error.message.split('\n')[0] ?? error.message;
  let message = MESSAGES[error.code] ?? first.replace(/ at line \d+, column \d+:?$/, '');
  if (/call stack/i.test(message)) message = `the file nests deeper than ${MAX_NESTING} levels`;
  message = message.replace(/;? ?please use YAML\.\w+\(\)/g, '').replace(/\bYAML\.\w+\(\)/g, 'the parser');
  return {
    code: error.code === 'DUPLICATE_KEY' ? 'GOV_CONFIG_DUPLICATE' : 'GOV_CONFIG_YAML_SYNTAX',
    message,
    file,
    line: at.line,
    column: at.col,
    path: formatPath(pathAt(doc.contents, error.pos[0])),
  };
}

/** Every field name the schema knows: the only keys a syntax error's path may show. */
const FIELD_NAMES = fieldNames(governorSchema);

function fieldNames(node: SchemaNode, out = new Set<string>(), depth = 0): Set<string> {
  const composite = node as {
    kind?: (ObjectNode | ArrayNode | RecordNode | TaggedNode)['kind'];
    fields?: ObjectNode['fields'];
    item?: ArrayNode['item'];
    value?: RecordNode['value'];
    variants?: TaggedNode['variants'];
  };
  if (depth > MAX_NESTING) return out;
  if (composite.kind === 'object') {
    for (const [name, field] of Object.entries(composite.fields ?? {})) {
      out.add(name);
      fieldNames(field.schema, out, depth + 1);
    }
  } else if (composite.kind === 'array' && composite.item !== undefined) {
    fieldNames(composite.item, out, depth + 1);
  } else if (composite.kind === 'record' && composite.value !== undefined) {
    fieldNames(composite.value, out, depth + 1);
  } else if (composite.kind === 'tagged') {
    for (const variant of Object.values(composite.variants ?? {})) fieldNames(variant, out, depth + 1);
  }
  return out;
}

/**
 * The path of the innermost value around `offset` in a partly parsed
 * document. Only schema field names and list indexes appear, so a value
 * that a syntax error turned into a key (`apiToken: sk-x: y`) is never echoed.
 */
function pathAt(root: unknown, offset: number): FieldPath {
  const path: (string | number)[] = [];
  let node = root as Node | null | undefined;
  for (let depth = 0; depth <= MAX_NESTING && node != null; depth++) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (!isPair(pair) || !isScalar(key) || typeof key.value !== 'string') continue;
        const value = pair.value as Node | null;
        const keyEnd = key.range?.[1] ?? Number.POSITIVE_INFINITY;
        const end = value?.range?.[2] ?? keyEnd;
        if (offset > keyEnd && offset <= end && FIELD_NAMES.has(key.value)) {
          path.push(key.value);
          next = value;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const range = (item as Node | null)?.range;
        if (range != null && offset >= range[0] && offset <= range[2]) {
          path.push(index);
          next = item as Node;
        }
      });
    }
    node = next;
  }
  return path;
}

/**
 * Where `text` nests deeper than {@link MAX_NESTING} (flow brackets and block
 * indentation levels), as a 0-based offset, or undefined. Checked before
 * parsing so a hostile file gets a located error instead of exhausting the
 * parser's stack.
 */
export function nestingTooDeep(text: string): number | undefined {
  let flow = 0;
  let quote: '"' | "'" | undefined;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      dashes = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ' || c === '-') {
        // Each `- ` opens a sequence level, several may share one line.
        if (c === '-' && /\s/.test(text[i + 1] ?? '\n')) dashes++;
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== '#' && c !== '\r' && flow === 0) {
        while (indents.length > 0 && (indents.at(-1) as number) >= indent) indents.pop();
        indents.push(indent);
        if (indents.length + dashes > MAX_NESTING) return i;
      }
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(text[i - 1] as string))) {
      quote = c;
    } else if (c === '[' || c === '{') {
      flow++;
      if (flow + indents.length + dashes > MAX_NESTING) return i;
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    }
  }
  return undefined;
}
