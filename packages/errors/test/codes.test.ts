import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GovernorError, isGovernorError, renderErrorDocs } from '../src/index.js';

describe('error codes', () => {
  it('follow the GOV_<DOMAIN>_<NAME> pattern and have a summary', () => {
    for (const [code, summary] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^GOV_[A-Z]+_[A-Z0-9_]+$/);
      expect(summary.length).toBeGreaterThan(5);
    }
  });

  it('are documented in docs/errors.md (regenerate with pnpm gen:docs)', () => {
    const path = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));
    expect(readFileSync(path, 'utf8')).toBe(renderErrorDocs());
  });

  it('keep the cause and details', () => {
    const cause = new Error('root');
    const err = new GovernorError('GOV_CONFIG_TYPE', 'bad', { cause, details: { path: 'apps[0]' } });
    expect(err.cause).toBe(cause);
    expect(err.details).toEqual({ path: 'apps[0]' });
    expect(isGovernorError(err, 'GOV_CONFIG_TYPE')).toBe(true);
    expect(isGovernorError(err, 'GOV_CONFIG_RANGE')).toBe(false);
    expect(JSON.stringify(err)).toContain('GOV_CONFIG_TYPE');
  });
});
