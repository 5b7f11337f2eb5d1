import type { Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { suggest } from '../suggest.js';
import type { ParseContext } from './parse-context.js';
import { isString, scalarOf } from './scalar-value.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** One of a fixed set of strings; a near miss gets a suggestion. */
export function enumNode<const T extends string>(
  values: readonly T[],
  options: { description?: string } = {},
): SchemaNode<T> {
  const choices = values.map((v) => `"${v}"`).join(', ');
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<T> {
      const value = scalarOf(node, isString, `one of ${choices}`, path, ctx);
      if (value === INVALID) return INVALID;
      const match = values.find((v) => v === value);
      if (match !== undefined) return match;
      ctx.report(
        'GOV_CONFIG_ENUM',
        path,
        node,
        `"${value}" is not one of ${choices}`,
        suggest(value, values),
      );
      return INVALID;
    },
    jsonSchema(): JsonSchema {
      return withDescription({ enum: [...values] }, options.description);
    },
    typeName(): string {
      return values.map((v) => `\`${v}\``).join(' \\| ');
    },
  };
}
