import type { Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import type { ParseContext } from './parse-context.js';
import { isBoolean, scalarOf } from './scalar-value.js';
import { type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** `true` or `false`. */
export function booleanNode(options: { description?: string } = {}): SchemaNode<boolean> {
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<boolean> {
      return scalarOf(node, isBoolean, 'true or false', path, ctx);
    },
    jsonSchema(): JsonSchema {
      return withDescription({ type: 'boolean' }, options.description);
    },
    typeName(): string {
      return 'boolean';
    },
  };
}
