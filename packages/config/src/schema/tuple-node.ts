import { isSeq, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** A list of exactly `items.length` values, each with its own schema. */
export function tupleNode(
  items: readonly SchemaNode[],
  options: { description?: string } = {},
): SchemaNode<unknown[]> {
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<unknown[]> {
      if (!isSeq(node) || node.items.length !== items.length) {
        const got = isSeq(node) ? `${node.items.length} items` : describeNode(node);
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a list of ${items.length} items, got ${got}`);
        return INVALID;
      }
      const out = items.map((schema, index) => {
        const child = ctx.resolve(node.items[index]);
        ctx.remember([...path, index], child);
        return schema.parse(child, [...path, index], ctx);
      });
      return out.includes(INVALID) ? INVALID : out;
    },
    jsonSchema(): JsonSchema {
      const prefixItems = items.map((item) => item.jsonSchema());
      return withDescription(
        { type: 'array', prefixItems, items: false, minItems: items.length },
        options.description,
      );
    },
    typeName(): string {
      return `[${items.map((item) => item.typeName()).join(', ')}]`;
    },
  };
}
