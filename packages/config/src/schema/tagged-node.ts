import { isMap, isScalar, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { suggest } from '../suggest.js';
import { describeNode } from './describe-node.js';
import type { ObjectNode } from './object-node.js';
import type { ParseContext } from './parse-context.js';
import {
  INVALID,
  type Infer,
  type JsonSchema,
  type Parsed,
  type SchemaNode,
  withDescription,
} from './schema-node.js';

/** A mapping whose `type` key picks one of several object schemas. */
export interface TaggedNode<T = unknown> extends SchemaNode<T> {
  readonly kind: 'tagged';
  readonly variants: Readonly<Record<string, ObjectNode>>;
}

/** The union of the values of `variants`. */
export type VariantOf<V extends Readonly<Record<string, ObjectNode>>> = {
  [K in keyof V]: Infer<V[K]>;
}[keyof V];

/**
 * One of `variants`, chosen by the value of the `type` key. Each variant's
 * object schema must declare `type` itself (as a one-value enum).
 */
export function taggedNode<V extends Readonly<Record<string, ObjectNode>>>(
  variants: V,
  options: { description?: string } = {},
): TaggedNode<VariantOf<V>> {
  const tags = Object.keys(variants);
  // Each variant yields its own member of the union; TypeScript cannot follow a key read at run time.
  const byTag = new Map(Object.entries(variants)) as ReadonlyMap<string, SchemaNode<VariantOf<V>>>;
  const choices = tags.map((t) => `"${t}"`).join(', ');
  return {
    kind: 'tagged',
    variants,
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<VariantOf<V>> {
      if (!isMap(node)) {
        ctx.report(
          'GOV_CONFIG_TYPE',
          path,
          node,
          `expected a mapping with a "type", got ${describeNode(node)}`,
        );
        return INVALID;
      }
      const typePair = node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'type');
      if (typePair === undefined) {
        ctx.report(
          'GOV_CONFIG_MISSING_KEY',
          [...path, 'type'],
          node,
          `missing required key "type" (one of ${choices})`,
        );
        return INVALID;
      }
      const typeNode = ctx.resolve(typePair.value);
      const tag = isScalar(typeNode) ? typeNode.value : undefined;
      const variant = typeof tag === 'string' ? byTag.get(tag) : undefined;
      if (variant === undefined) {
        const shown = typeof tag === 'string' ? `"${tag}"` : describeNode(typeNode);
        const hint = typeof tag === 'string' ? suggest(tag, tags) : undefined;
        ctx.report('GOV_CONFIG_ENUM', [...path, 'type'], typeNode, `${shown} is not one of ${choices}`, hint);
        return INVALID;
      }
      return variant.parse(node, path, ctx);
    },
    jsonSchema(): JsonSchema {
      return withDescription({ oneOf: tags.map((tag) => variants[tag]?.jsonSchema()) }, options.description);
    },
    typeName(): string {
      return `one of type ${tags.map((t) => `\`${t}\``).join(' \\| ')}`;
    },
  };
}
