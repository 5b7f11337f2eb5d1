import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateJsonSchema } from '../src/index.js';

/**
 * The generated JSON Schema, run by a real draft 2020-12 validator, agrees
 * with parseConfig on everything a JSON Schema can express.
 */
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validate = ajv.compile(generateJsonSchema());

const load = (relative: string) => parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as unknown;
const fixture = (name: string) => load(`./fixtures/invalid/${name}.yaml`);

describe('the generated JSON Schema', () => {
  it.each(['governor.yaml', 'fly.yaml'])('accepts examples/%s', (name) => {
    const ok = validate(load(`../../../examples/${name}`));
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each([
    'unknown-key-top-level',
    'unknown-key-nested',
    'unknown-key-in-provider',
    'unknown-key-no-suggestion',
    'bad-duration',
    'slo-without-unit',
    'bad-percent',
    'percent-out-of-range',
    'wrong-type',
    'bad-enum-with-suggestion',
    'unknown-target-type',
    'missing-required-key',
    'invalid-listen-address',
    'version-unsupported',
    'version-missing',
    'env-inline-secret',
  ])('rejects %s, as the validator does', (name) => {
    expect(validate(fixture(name))).toBe(false);
  });

  it.each([
    'min-greater-than-max',
    'region-max-above-app-max',
    'duplicate-target-type',
    'unknown-provider-reference',
    'bad-cron',
    'scrape-timeout-not-below-interval',
    'cluster-without-redis',
  ])('leaves the cross-field rule of %s to governor validate', (name) => {
    expect(validate(fixture(name)), JSON.stringify(validate.errors)).toBe(true);
  });
});
