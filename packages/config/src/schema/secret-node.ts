import type { Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { formatPath } from '../field-path.js';
import type { SecretRef } from '../secret-ref.js';
import { createSecretRef, SECRET_PATTERN, secretRefName } from '../secret-ref.js';
import type { ParseContext } from './parse-context.js';
import { isString, scalarOf } from './scalar-value.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/**
 * A secret, given only as a `${ENV_VAR}` reference. The value never appears
 * in the result or in any message, not even when it is written inline by
 * mistake.
 */
export function secretNode(options: { description?: string } = {}): SchemaNode<SecretRef> {
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<SecretRef> {
      const value = scalarOf(node, isString, 'an ${ENV_VAR} reference', path, ctx);
      if (value === INVALID) return INVALID;
      const name = secretRefName(value);
      if (name === undefined) {
        ctx.report(
          'GOV_CONFIG_ENV_SYNTAX',
          path,
          node,
          'secrets must be ${ENV_VAR} references, not inline values (the value is not shown)',
        );
        return INVALID;
      }
      const ref = createSecretRef(name, ctx.env);
      ctx.secrets.push({ path: formatPath(path), ref });
      return ref;
    },
    jsonSchema(): JsonSchema {
      return withDescription({ type: 'string', pattern: SECRET_PATTERN }, options.description);
    },
    typeName(): string {
      return '`${ENV_VAR}`';
    },
  };
}
