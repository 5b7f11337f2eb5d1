import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpositionParseError, parseExposition, serializeExposition } from '../../src/index.js';
import { familiesArb } from './arbitraries.js';

describe('parse(serialize(x)) equals x', () => {
  for (const format of ['text', 'openmetrics'] as const) {
    it(`for generated ${format} families`, () => {
      fc.assert(
        fc.property(familiesArb(format), (families) => {
          const text = serializeExposition(families, format);
          expect(parseExposition(text, { format })).toEqual(families);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('the fast paths and the full parser agree', () => {
  it('gives the same families when every sample line carries a trailing blank (full parser only)', () => {
    fc.assert(
      fc.property(familiesArb('text'), (families) => {
        const text = serializeExposition(families, 'text');
        const padded = text
          .split('\n')
          .map((line) => (line === '' || line.startsWith('#') ? line : `${line} `))
          .join('\n');
        expect(parseExposition(padded, { format: 'text' })).toEqual(
          parseExposition(text, { format: 'text' }),
        );
      }),
      { numRuns: 100 },
    );
  });
});

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const corpus = (['text', 'openmetrics'] as const).flatMap((format) =>
  readdirSync(join(FIXTURES, format, 'valid')).map((f) =>
    readFileSync(join(FIXTURES, format, 'valid', f), 'utf8'),
  ),
);

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    ch: fc.constantFrom(' ', '\n', '\t', '"', '\\', '{', '}', ',', '=', '#', '_'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
);

interface Mutation {
  kind: 'insert' | 'delete' | 'duplicate-line' | 'swap-lines';
  at: number;
  ch?: string;
  len?: number;
  with?: number;
}

function mutate(text: string, ms: readonly Mutation[]): string {
  let out = text;
  for (const m of ms) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + (m.ch ?? '') + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + (m.len ?? 1));
    else {
      const lines = out.split('\n');
      const i = m.at % lines.length;
      if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i] ?? '');
      else {
        const j = (m.with ?? 0) % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      }
      out = lines.join('\n');
    }
  }
  return out;
}

describe('mutated valid input', () => {
  it('either parses or throws a located GOV_METRICS_PARSE error, nothing else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, ms) => {
          const mutated = mutate(text, ms);
          for (const format of ['text', 'openmetrics'] as const) {
            for (const families of [undefined, ['a', 'h', 'http_requests_total']]) {
              try {
                parseExposition(mutated, families === undefined ? { format } : { format, families });
              } catch (e) {
                expect(e).toBeInstanceOf(ExpositionParseError);
                const err = e as ExpositionParseError;
                expect(err.code).toBe('GOV_METRICS_PARSE');
                expect(err.line).toBeGreaterThanOrEqual(1);
                expect(err.column).toBeGreaterThanOrEqual(1);
              }
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
