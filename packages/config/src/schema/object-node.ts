import { isMap, isScalar, type Node, Document as YamlDocument } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { suggest } from '../suggest.js';
import { describeNode } from './describe-node.js';
import type { FieldSpec } from './field-spec.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** The result of parsing an object field by field (see {@link ObjectNode.parseFields}). */
export interface FieldResults {
  /** Every present or defaulted field; failed ones hold INVALID. */
  readonly values: Record<string, Parsed<unknown>>;
  /** False when the node was not a mapping or any field failed. */
  readonly ok: boolean;
}

/** A strict mapping with known fields: unknown keys are errors with a "did you mean". */
export interface ObjectNode extends SchemaNode<Record<string, unknown>> {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Parses field by field, so a caller can use the fields that are valid. */
  parseFields(node: Node | null, path: FieldPath, ctx: ParseContext): FieldResults;
}

const scratch = new YamlDocument();

/** A node for a default value, written as it would be in the file. */
export function defaultNode(value: unknown): Node {
  return scratch.createNode(value) as Node;
}

/** A strict mapping of `fields`. */
export function objectNode(
  fields: Record<string, FieldSpec>,
  options: { description?: string } = {},
): ObjectNode {
  const names = Object.keys(fields);
  const self: ObjectNode = {
    kind: 'object',
    fields,
    description: options.description,
    parseFields(node, path, ctx) {
      const values: Record<string, Parsed<unknown>> = {};
      if (!isMap(node)) {
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a mapping, got ${describeNode(node)}`);
        return { values, ok: false };
      }
      let ok = true;
      const suggested = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? keyNode.value : undefined;
        if (typeof key !== 'string') {
          ctx.report('GOV_CONFIG_TYPE', path, keyNode, `keys must be strings, got ${describeNode(keyNode)}`);
          ok = false;
          continue;
        }
        const field = fields[key];
        if (field === undefined || !Object.hasOwn(fields, key)) {
          const hint = suggest(key, names);
          if (hint !== undefined) suggested.add(hint);
          ctx.report('GOV_CONFIG_UNKNOWN_KEY', [...path, key], keyNode, `unknown key "${key}"`, hint);
          ok = false;
          continue;
        }
        const childPath = [...path, key];
        const child = ctx.resolve(pair.value);
        ctx.remember(childPath, child ?? keyNode);
        const value = field.schema.parse(child, childPath, ctx);
        values[key] = value;
        if (value === INVALID) ok = false;
      }
      for (const [key, field] of Object.entries(fields)) {
        if (Object.hasOwn(values, key)) continue;
        if (field.required && suggested.has(key)) {
          // A misspelling of this key was reported with its suggestion; one issue is enough.
          ok = false;
        } else if (field.required) {
          ctx.report('GOV_CONFIG_MISSING_KEY', [...path, key], node, `missing required key "${key}"`);
          ok = false;
        } else if (field.default !== undefined) {
          const value = field.schema.parse(defaultNode(field.default), [...path, key], ctx);
          values[key] = value;
          if (value === INVALID) ok = false;
        }
      }
      return { values, ok };
    },
    parse(node, path, ctx): Parsed<Record<string, unknown>> {
      const { values, ok } = self.parseFields(node, path, ctx);
      return ok ? (values as Record<string, unknown>) : INVALID;
    },
    jsonSchema(): JsonSchema {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, field] of Object.entries(fields)) {
        const schema = field.schema.jsonSchema();
        properties[key] = field.default === undefined ? schema : { ...schema, default: field.default };
      }
      const requiredKeys = names.filter((key) => fields[key]?.required === true);
      const schema: JsonSchema = { type: 'object', additionalProperties: false, properties };
      if (requiredKeys.length > 0) schema.required = requiredKeys;
      return withDescription(schema, options.description);
    },
    typeName(): string {
      return 'mapping';
    },
  };
  return self;
}
