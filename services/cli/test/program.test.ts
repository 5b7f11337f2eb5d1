import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function governor(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=governor-source', '--import', 'tsx', 'services/cli/src/main.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
}

describe('governor (top level)', () => {
  it('--help lists every command with a one-sentence summary and exits 0', () => {
    const r = governor('--help');
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['up', 'validate', 'eval', 'decide', 'simulate', 'generate', 'metrics']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    // The full descriptions (with their exit codes) belong to `<command> --help`.
    expect(r.stdout).not.toContain('Exits 0 after a clean stop');
    expect(r.stdout).toContain('2 usage error');
  });

  it('eval: exits 2 without --config or with a bad --current', () => {
    const missing = governor('eval');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("required option '-c, --config <file>'");
    const bad = governor('eval', '--config', 'examples/prometheus.yaml', '--current', '-1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--current must be a whole number >= 0');
  });

  it('exits 2 (usage error) on an unknown command and names it', () => {
    const r = governor('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('exits 2 (usage error) with the help on stderr when no command is given', () => {
    const r = governor();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: governor');
  });

  it('exits 2 on an unknown subcommand of metrics', () => {
    const r = governor('metrics', 'frob', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frob'");
  });

  it('--version prints the version and exits 0', () => {
    const r = governor('--version');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
