import { isScalar, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type Parsed } from './schema-node.js';

/** The scalar value of `node` when `is` accepts it; otherwise reports a type issue. */
export function scalarOf<T>(
  node: Node | null,
  is: (value: unknown) => value is T,
  expected: string,
  path: FieldPath,
  ctx: ParseContext,
): Parsed<T> {
  if (isScalar(node) && is(node.value)) return node.value;
  ctx.report('GOV_CONFIG_TYPE', path, node, `expected ${expected}, got ${describeNode(node)}`);
  return INVALID;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
