import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensureAmtool, ensurePromtool } from '../src/index.js';

describe('prometheus tools', () => {
  it('provides a working promtool', () => {
    const out = execFileSync(ensurePromtool(), ['--version'], { encoding: 'utf8', stdio: 'pipe' });
    expect(out.toLowerCase()).toContain('promtool');
  });
  it('provides a working amtool', () => {
    const out = execFileSync(ensureAmtool(), ['--version'], { encoding: 'utf8', stdio: 'pipe' });
    expect(out.toLowerCase()).toContain('amtool');
  });
});
