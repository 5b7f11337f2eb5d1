import type { Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import type { ParseContext } from './parse-context.js';
import { isString, scalarOf } from './scalar-value.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** Options of {@link stringNode}. */
export interface StringOptions {
  description?: string;
  /** Regular expression (JSON Schema dialect) the whole string must match. */
  pattern?: string;
  /** What the pattern means, for the error message, e.g. `host:port`. */
  patternHint?: string;
  /** JSON Schema `format` annotation (e.g. `uri`); documentation only. */
  format?: string;
  /** Longest accepted length in characters. Default {@link MAX_STRING_LENGTH}. */
  maxLength?: number;
  /** Extra check; returns a problem description, or undefined when fine. */
  check?: (value: string) => string | undefined;
}

/** The longest string any field accepts unless it says otherwise. */
export const MAX_STRING_LENGTH = 4096;

/** A non-empty string of bounded length, optionally matching a pattern. */
export function stringNode(options: StringOptions = {}): SchemaNode<string> {
  const maxLength = options.maxLength ?? MAX_STRING_LENGTH;
  const pattern = options.pattern === undefined ? undefined : new RegExp(options.pattern, 'u');
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<string> {
      const value = scalarOf(node, isString, 'a string', path, ctx);
      if (value === INVALID) return INVALID;
      if (value === '') {
        ctx.report('GOV_CONFIG_TYPE', path, node, 'must not be empty');
        return INVALID;
      }
      if (value.length > maxLength) {
        ctx.report(
          'GOV_CONFIG_RANGE',
          path,
          node,
          `is ${value.length} characters long; the most is ${maxLength} ("${value.slice(0, 20)}...")`,
        );
        return INVALID;
      }
      if (pattern !== undefined && !pattern.test(value)) {
        const hint = options.patternHint ?? `the pattern ${options.pattern}`;
        ctx.report('GOV_CONFIG_PATTERN', path, node, `"${value}" is not ${hint}`);
        return INVALID;
      }
      const problem = options.check?.(value);
      if (problem !== undefined) {
        ctx.report('GOV_CONFIG_PATTERN', path, node, problem);
        return INVALID;
      }
      return value;
    },
    jsonSchema(): JsonSchema {
      const schema: JsonSchema = { type: 'string', minLength: 1, maxLength };
      if (options.pattern !== undefined) schema.pattern = options.pattern;
      if (options.format !== undefined) schema.format = options.format;
      return withDescription(schema, options.description);
    },
    typeName(): string {
      return options.patternHint ?? 'string';
    },
  };
}
