import { isScalar, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID } from './schema-node.js';

/** The scalar value of `node` when it has type `kind`; otherwise reports a type issue. */
export function scalarOf<K extends 'string' | 'number' | 'boolean'>(
  node: Node | null,
  kind: K,
  expected: string,
  path: FieldPath,
  ctx: ParseContext,
): (K extends 'string' ? string : K extends 'number' ? number : boolean) | typeof INVALID {
  if (isScalar(node) && typeof node.value === kind) {
    return node.value as K extends 'string' ? string : K extends 'number' ? number : boolean;
  }
  ctx.report('GOV_CONFIG_TYPE', path, node, `expected ${expected}, got ${describeNode(node)}`);
  return INVALID;
}
