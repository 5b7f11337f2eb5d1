import { governorSchema } from '../definition/root.js';
import type { JsonSchema } from '../schema/schema-node.js';

/** `$id` of the generated schema. */
export const SCHEMA_ID = 'https://governor.dev/schema/governor.schema.json';

/**
 * The JSON Schema (draft 2020-12) of the config file, for editors (e.g. the
 * YAML language server: `# yaml-language-server: $schema=...`). Generated
 * from the same definition the validator runs; the validator also checks
 * what JSON Schema cannot express (cross-field rules, cron, references).
 */
export function generateJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Governor config',
    ...governorSchema.jsonSchema(),
  };
}

/** The committed form of the schema file: pretty JSON with a trailing newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(generateJsonSchema(), null, 2)}\n`;
}
