import { isSeq, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ObjectNode } from './object-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** A list whose items all follow one schema. */
export interface ArrayNode<T = unknown> extends SchemaNode<readonly T[]> {
  readonly kind: 'array';
  readonly item: SchemaNode<T>;
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
export function arrayNode<T>(item: SchemaNode<T>, options: ArrayOptions = {}): ArrayNode<T> {
  const minItems = options.minItems ?? 0;
  const partial = options.partial === true;
  const tooFew = (count: number, node: Node, path: FieldPath, ctx: ParseContext): boolean => {
    if (count >= minItems) return false;
    ctx.report('GOV_CONFIG_RANGE', path, node, `needs at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    return true;
  };
  return {
    kind: 'array',
    item,
    description: options.description,
    parse(node, path, ctx): Parsed<readonly T[]> {
      if (!isSeq(node)) {
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a list, got ${describeNode(node)}`);
        return INVALID;
      }
      const children = node.items.map((raw, index) => {
        const child = ctx.resolve(raw);
        ctx.remember([...path, index], child);
        return child;
      });
      if (partial) {
        const items = children.map((child, index) => parsePartly(item, child, [...path, index], ctx));
        if (tooFew(items.length, node, path, ctx)) return INVALID;
        // Failed items (INVALID) and partly parsed objects stay at their index in the file, for
        // the cross-field rules; a config is never built from a file with issues, so no
        // consumer of `T` sees them.
        return items as readonly T[];
      }
      const items = children.map((child, index) => item.parse(child, [...path, index], ctx));
      if (tooFew(items.length, node, path, ctx)) return INVALID;
      return allValid(items) ? items : INVALID;
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
}

function allValid<T>(items: readonly Parsed<T>[]): items is T[] {
  return !items.includes(INVALID);
}

/** An item parsed field by field when it is an object: what parsed, or INVALID when nothing did. */
function parsePartly(item: SchemaNode, child: Node | null, path: FieldPath, ctx: ParseContext): unknown {
  if (!isObjectNode(item)) return item.parse(child, path, ctx);
  const { ok, values } = item.parseFields(child, path, ctx);
  return ok || Object.keys(values).length > 0 ? values : INVALID;
}

function isObjectNode(node: SchemaNode): node is ObjectNode {
  return 'kind' in node && node.kind === 'object';
}
