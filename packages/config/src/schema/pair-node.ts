import { isSeq, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** A list of exactly two values, each with its own schema (e.g. a port range). */
export function pairNode<A, B>(
  first: SchemaNode<A>,
  second: SchemaNode<B>,
  options: { description?: string } = {},
): SchemaNode<readonly [A, B]> {
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<readonly [A, B]> {
      if (!isSeq(node) || node.items.length !== 2) {
        const got = isSeq(node) ? `${node.items.length} items` : describeNode(node);
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a list of 2 items, got ${got}`);
        return INVALID;
      }
      const a = itemAt(node.items[0], 0, first, path, ctx);
      const b = itemAt(node.items[1], 1, second, path, ctx);
      return a === INVALID || b === INVALID ? INVALID : [a, b];
    },
    jsonSchema(): JsonSchema {
      const prefixItems = [first.jsonSchema(), second.jsonSchema()];
      return withDescription({ type: 'array', prefixItems, items: false, minItems: 2 }, options.description);
    },
    typeName(): string {
      return `[${first.typeName()}, ${second.typeName()}]`;
    },
  };
}

function itemAt<T>(
  raw: unknown,
  index: number,
  schema: SchemaNode<T>,
  path: FieldPath,
  ctx: ParseContext,
): Parsed<T> {
  const child = ctx.resolve(raw);
  ctx.remember([...path, index], child);
  return schema.parse(child, [...path, index], ctx);
}
