import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';

/** A short description of what a YAML node holds, for "expected X, got Y" messages. */
export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isAlias(node)) return `the alias *${node.source}, which names no anchor`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'null';
    if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
    if (typeof value === 'number') return `the number ${value}`;
    if (typeof value === 'boolean') return `${value}`;
  }
  return 'an unsupported value';
}
