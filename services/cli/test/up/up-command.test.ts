import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'governor-up-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function up(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=governor-source', '--import', 'tsx', 'services/cli/src/main.ts', 'up', ...args],
    { cwd: repo, encoding: 'utf8', timeout: 60_000 },
  );
}

describe('governor up (command line)', () => {
  it('explains itself, its options and defaults in --help', () => {
    const r = up('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('examples/governor.yaml');
    expect(r.stdout).toContain('--demo');
    expect(r.stdout).toMatch(/live status\s+table/);
  });

  it('exits 1 with the issues, starting nothing, when the config is invalid', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\napps: []\nbogus: true\n');
    const r = up('--config', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bogus');
    expect(r.stderr).toContain('is invalid');
  });

  it('exits 2 on a usage error', () => {
    expect(up('--no-such-flag').status).toBe(2);
    const r = up('--demo-high', 'lots');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--demo-high must be a number');
  });
});
