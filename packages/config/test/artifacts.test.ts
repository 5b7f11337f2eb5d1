import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJsonSchema } from '../src/schema-output/json-schema.js';
import { REFERENCE_BEGIN, REFERENCE_END, spliceReference } from '../src/schema-output/reference-docs.js';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

describe('generated artifacts (regenerate with pnpm --filter @governor/config run generate)', () => {
  it('schema/governor.schema.json matches the schema definition', () => {
    expect(read('../schema/governor.schema.json')).toBe(renderJsonSchema());
  });

  it('the reference section of docs/config.md matches the schema definition', () => {
    const page = read('../../../docs/config.md');
    expect(page).toContain(REFERENCE_BEGIN);
    expect(page).toContain(REFERENCE_END);
    expect(page).toBe(spliceReference(page));
  });

  it('the JSON Schema is draft 2020-12, strict, and requires the top-level keys', () => {
    const schema = JSON.parse(read('../schema/governor.schema.json')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'providers', 'apps']);
  });

  it('documents every key of the schema', () => {
    const page = read('../../../docs/config.md');
    for (const key of [
      '`daemon.redisUrl`',
      '`apps[].behavior.scaleDown.policies[]`',
      '`apps[].schedules[].timezone`',
    ]) {
      expect(page).toContain(key);
    }
  });
});
