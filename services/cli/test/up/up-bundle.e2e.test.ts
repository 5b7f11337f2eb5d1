import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProcess } from './up-process.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const template = fileURLToPath(new URL('./fixtures/up-bundle.template.yaml', import.meta.url));
const SUFFIX = `-test-${process.pid}`;
const CLI = join(repo, `services/cli/dist/governor${SUFFIX}.mjs`);
const DEMO_APP = join(repo, `examples/demo-app/dist/demo-app${SUFFIX}.mjs`);

/** Command line of `pid` and of all its descendants (from /proc), one string per process. */
function processTree(root: number): string[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process exited while we looked.
    }
  }
  const out: string[] = [];
  const walk = (pid: number) => {
    try {
      out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim());
    } catch {
      return;
    }
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

describe('governor up --demo from the built bundles under plain node', () => {
  let dir: string;
  let up: ChildProcess;
  let api: string;
  let stderr = '';

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/bundle.mjs', '--only', 'cli,demo-app', `--suffix=${SUFFIX}`], {
      cwd: repo,
      stdio: 'pipe',
    });
    const [apiPort, proxyPort] = [await freePort(), await freePort()];
    const portLo = 20_000 + Math.floor(Math.random() * 20_000);
    dir = mkdtempSync(join(tmpdir(), 'governor-up-bundle-'));
    const config = join(dir, 'governor.yaml');
    writeFileSync(
      config,
      readFileSync(template, 'utf8')
        .replaceAll('__DEMO_APP__', DEMO_APP)
        .replaceAll('__API_PORT__', String(apiPort))
        .replaceAll('__PROXY_PORT__', String(proxyPort))
        .replaceAll('__PORT_LO__', String(portLo))
        .replaceAll('__PORT_HI__', String(portLo + 20)),
    );
    api = `http://127.0.0.1:${apiPort}`;
    // Plain node: no loader in NODE_OPTIONS, no export conditions, run from outside the checkout.
    const { NODE_OPTIONS: _drop, ...env } = process.env;
    up = spawn(
      process.execPath,
      [CLI, 'up', '--demo', '--demo-low', '10', '--demo-high', '90', '--config', config],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    up.stdout?.resume();
    up.stderr?.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
  });

  // Stops up (and so its instances) when a test failed or timed out before it did.
  afterAll(async () => {
    if (up) await stopProcess(up);
    if (dir) rmSync(dir, { recursive: true, force: true });
    rmSync(CLI, { force: true });
    rmSync(DEMO_APP, { force: true });
  }, 60_000);

  it('carries no provider emulator: test support stays out of the bundle', () => {
    // esbuild marks each bundled module with a comment naming its source file.
    const bundled = readFileSync(CLI, 'utf8');
    expect(bundled).not.toMatch(/provider-emulators\/src\/(fly|kubernetes)\//);
    // The fake provider is in it on purpose: `governor simulate` runs its fleet on it.
    expect(bundled).toMatch(/provider-emulators\/src\/fake\//);
  });

  it('scales the demo app up once under the demo load, with no tsx in any command line, and stops cleanly', async () => {
    const current = async () => {
      const res = await fetch(`${api}/v1/apps/demo`).catch(() => undefined);
      if (!res?.ok) return 0;
      const view = (await res.json()) as { machines: Array<{ state: string }> };
      return view.machines.filter((m) => m.state === 'started').length;
    };
    await expect
      .poll(current, { timeout: 60_000, interval: 250 })
      .toBe(1)
      .catch((err: unknown) => {
        throw new Error(`fleet did not come up; governor up said:\n${stderr}`, { cause: err });
      });
    // The demo's quiet phase lasts 20s, then 90 rps needs three instances of 35.
    await expect
      .poll(current, { timeout: 60_000, interval: 500 })
      .toBeGreaterThanOrEqual(2)
      .catch((err: unknown) => {
        throw new Error(`no scale-up; governor up said:\n${stderr}`, { cause: err });
      });

    const tree = processTree(up.pid ?? -1);
    expect(tree.length, tree.join('\n')).toBeGreaterThanOrEqual(3);
    expect(tree.filter((cmd) => cmd.includes(DEMO_APP)).length).toBeGreaterThanOrEqual(2);
    for (const cmd of tree) {
      expect(cmd).not.toMatch(/tsx|\.ts\b|governor-source/);
      expect(cmd, 'every process is plain node').toMatch(/^(\S*\/)?node /);
    }
    const decisions = (await (await fetch(`${api}/v1/decisions?app=demo&limit=500`)).json()) as {
      decisions: Array<{ outcome: string }>;
    };
    expect(decisions.decisions.some((d) => d.outcome === 'scale_up')).toBe(true);

    up.kill('SIGINT');
    const [code] = (await once(up, 'exit')) as [number | null];
    expect(code, stderr).toBe(0);
  }, 150_000);
});
