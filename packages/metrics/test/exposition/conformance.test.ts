import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExpositionFormat, ExpositionParseError, parseExposition } from '../../src/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function cases(format: ExpositionFormat, kind: 'valid' | 'invalid'): [string, string][] {
  const dir = join(FIXTURES, format, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f): [string, string] => [f.slice(0, -4), readFileSync(join(dir, f), 'utf8')])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

function expectedLocations(format: ExpositionFormat): Record<string, { line: number; column: number }> {
  return JSON.parse(readFileSync(join(FIXTURES, format, 'invalid', 'expected-locations.json'), 'utf8'));
}

for (const format of ['openmetrics', 'text'] as const) {
  describe(`${format} conformance`, () => {
    const valid = cases(format, 'valid');
    const invalid = cases(format, 'invalid');
    const locations = expectedLocations(format);

    it('has the required number of cases', () => {
      expect(valid.length).toBeGreaterThanOrEqual(format === 'openmetrics' ? 40 : 20);
      expect(invalid.length).toBeGreaterThanOrEqual(format === 'openmetrics' ? 60 : 30);
    });

    it.each(valid)('accepts valid input %s', (_name, text) => {
      expect(() => parseExposition(text, { format })).not.toThrow();
    });

    it.each(invalid)('rejects invalid input %s at the expected line and column', (name, text) => {
      const want = locations[name];
      expect(want, `missing expected location for ${name}`).toBeDefined();
      let error: unknown;
      try {
        parseExposition(text, { format });
      } catch (e) {
        error = e;
      }
      expect(error, `${name} was accepted`).toBeInstanceOf(ExpositionParseError);
      const e = error as ExpositionParseError;
      expect(e.code).toBe('GOV_METRICS_PARSE');
      expect(e.reason.length).toBeGreaterThan(0);
      expect({ line: e.line, column: e.column, reason: e.reason }).toMatchObject(want ?? {});
    });

    it('lists a location for every invalid fixture and no stale ones', () => {
      expect(Object.keys(locations).sort()).toEqual(invalid.map(([n]) => n).sort());
    });
  });
}
