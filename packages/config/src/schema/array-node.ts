import { isSeq, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ObjectNode } from './object-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** A list whose items all follow one schema. */
export interface ArrayNode extends SchemaNode<unknown[]> {
  readonly kind: 'array';
  readonly item: SchemaNode;
  /** Parses item by item; failed items hold INVALID, a non-list gives undefined. */
  parseItems(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<unknown>[] | undefined;
}

/** Options of {@link arrayNode}. */
export interface ArrayOptions {
  description?: string;
  /** Fewest items. Default 0. */
  minItems?: number;
  /**
   * Keep what parsed when some items fail, so that cross-field rules can
   * still check it: failed items hold INVALID, and object items are parsed
   * field by field (failed fields hold INVALID). The config is only built
   * when there are no issues at all. Default false.
   */
  partial?: boolean;
}

/** A list of `item`. */
export function arrayNode(item: SchemaNode, options: ArrayOptions = {}): ArrayNode {
  const minItems = options.minItems ?? 0;
  const self: ArrayNode = {
    kind: 'array',
    item,
    description: options.description,
    parseItems(node, path, ctx) {
      if (!isSeq(node)) {
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a list, got ${describeNode(node)}`);
        return undefined;
      }
      return node.items.map((raw, index) => {
        const child = ctx.resolve(raw);
        ctx.remember([...path, index], child);
        if (options.partial === true && isObjectNode(item)) {
          const { values, ok } = item.parseFields(child, [...path, index], ctx);
          return ok || Object.keys(values).length > 0 ? values : INVALID;
        }
        return item.parse(child, [...path, index], ctx);
      });
    },
    parse(node, path, ctx): Parsed<unknown[]> {
      const items = self.parseItems(node, path, ctx);
      if (items === undefined) return INVALID;
      if (items.length < minItems) {
        ctx.report(
          'GOV_CONFIG_RANGE',
          path,
          node,
          `needs at least ${minItems} item${minItems === 1 ? '' : 's'}`,
        );
        return INVALID;
      }
      return items.includes(INVALID) && options.partial !== true ? INVALID : items;
    },
    jsonSchema(): JsonSchema {
      const schema: JsonSchema = { type: 'array', items: item.jsonSchema() };
      if (minItems > 0) schema.minItems = minItems;
      return withDescription(schema, options.description);
    },
    typeName(): string {
      return `list of ${item.typeName()}`;
    },
  };
  return self;
}

function isObjectNode(node: SchemaNode): node is ObjectNode {
  return (node as Partial<ObjectNode>).kind === 'object';
}
