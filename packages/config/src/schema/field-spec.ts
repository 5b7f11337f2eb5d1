import type { SchemaNode } from './schema-node.js';

/** How an object field behaves when absent. */
export interface FieldSpec {
  readonly schema: SchemaNode;
  /** Absent is an error (`GOV_CONFIG_MISSING_KEY`). */
  readonly required: boolean;
  /**
   * Value used when absent, written as in the YAML file (`5s`, `70%`, `{}`);
   * it goes through the field's schema like any written value.
   */
  readonly default?: unknown;
  /** How the docs describe a default that is computed from other fields. */
  readonly defaultText?: string;
}

/** A required field. */
export function required(schema: SchemaNode): FieldSpec {
  return { schema, required: true };
}

/** An optional field without default: absent stays absent. */
export function optional(schema: SchemaNode, defaultText?: string): FieldSpec {
  return defaultText === undefined ? { schema, required: false } : { schema, required: false, defaultText };
}

/** An optional field with a default, written as in the YAML file. */
export function withDefault(schema: SchemaNode, value: unknown): FieldSpec {
  return { schema, required: false, default: value };
}
