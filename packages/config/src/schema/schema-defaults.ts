import { LineCounter, Document as YamlDocument } from 'yaml';
import { formatIssue } from '../format-issue.js';
import { defaultNode } from './object-node.js';
import { ParseContext } from './parse-context.js';
import { INVALID, type SchemaNode } from './schema-node.js';

/**
 * What `node` yields for an empty mapping: every default of an object whose
 * fields all have one, parsed as if written.
 *
 * @throws Error when the schema needs a field written (a definition mistake).
 */
export function schemaDefaults<T>(node: SchemaNode<T>): T {
  const ctx = new ParseContext('<defaults>', {}, new YamlDocument(), new LineCounter());
  const value = node.parse(defaultNode({}), [], ctx);
  if (value === INVALID)
    throw new Error(`the schema has no defaults: ${ctx.issues.map(formatIssue).join('; ')}`);
  return value;
}
