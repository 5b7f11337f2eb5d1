import { existsSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { isGovernorError } from '@governor/errors';
import { LOCAL_APP } from '@governor/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalProviderEvent, LocalProviderOptions } from '../../src/local/local-options.js';
import { LocalProvider } from '../../src/local/local-provider.js';
import type { Machine } from '../../src/provider.js';
import { executeStep } from '../../src/reconcile/execute-step.js';
import { reconcile } from '../../src/reconcile/reconcile.js';
import { localAppOptions } from '../support/local-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child (`node -e`) that answers every request with 200 until SIGUSR2, then trickles an answer that never ends. */
const TRICKLING_APP = `
const net = require('node:net');
let trickle = false;
process.on('SIGUSR2', () => { trickle = true; });
process.on('SIGTERM', () => process.exit(0));
net.createServer((s) => {
  s.on('error', () => {});
  s.once('data', () => {
    if (!trickle) return void s.end('HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n');
    s.write('HTTP/1.1 200 OK\\r\\nX-Slow: ');
    const t = setInterval(() => s.write('..'), 100);
    s.on('close', () => clearInterval(t));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

let provider: LocalProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

async function make(extra: Partial<LocalProviderOptions> = {}) {
  const events: LocalProviderEvent[] = [];
  provider = new LocalProvider(await localAppOptions({ onEvent: (e) => events.push(e), ...extra }));
  return { p: provider, events };
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  ms = 8_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function stateOf(p: LocalProvider, id: string): Promise<Machine | undefined> {
  return (await p.list('web')).find((m) => m.id === id);
}

/** True when the pid no longer exists (exited and reaped: neither running nor a zombie). */
function gone(pid: number): boolean {
  // A zombie still has a /proc entry, so "gone" also proves the child was reaped.
  return !existsSync(`/proc/${pid}`);
}

describe('LocalProvider', () => {
  it('counts an instance as started only after its health check passes', async () => {
    const { p } = await make({ env: { FIXTURE_HEALTH_DELAY_MS: '400' } });
    const m = await p.create('web', { region: 'local' });
    expect(m.address).toMatch(/^127\.0\.0\.1:\d+$/);
    await sleep(200);
    expect((await stateOf(p, m.id))?.state).toBe('starting');
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    const res = await fetch(`http://${m.address}/`);
    expect(await res.text()).toContain(`instance=${m.id}`);
  });

  it('passes PORT and GOVERNOR_INSTANCE_ID, and substitutes {port} and {id} in args', async () => {
    const { p } = await make({ args: [LOCAL_APP, '--listen={port}', '--name={id}'] });
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    const port = Number(m.address?.split(':')[1]);
    const pid = p.pidOf('web', m.id);
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(env).toContain(`PORT=${port}`);
    expect(env).toContain(`GOVERNOR_INSTANCE_ID=${m.id}`);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv).toContain(`--listen=${port}`);
    expect(argv).toContain(`--name=${m.id}`);
  });

  it("gives a child only PATH, PORT, GOVERNOR_INSTANCE_ID and the app's declared env, never the daemon's secrets", async () => {
    process.env.GOVERNOR_API_TOKEN = 'sk-daemon-token';
    process.env.REDIS_URL = 'redis://:secret@127.0.0.1:1';
    try {
      const { p } = await make({ env: { APP_MODE: 'demo' }, path: '/opt/bin:/usr/bin:/bin' });
      const m = await p.create('web', { region: 'local' });
      await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
      const pid = p.pidOf('web', m.id);
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter((e) => e !== '');
      const port = Number(m.address?.split(':')[1]);
      expect(env.sort()).toEqual(
        [
          'APP_MODE=demo',
          `GOVERNOR_INSTANCE_ID=${m.id}`,
          'PATH=/opt/bin:/usr/bin:/bin',
          `PORT=${port}`,
        ].sort(),
      );
    } finally {
      delete process.env.GOVERNOR_API_TOKEN;
      delete process.env.REDIS_URL;
    }
  });

  it('marks a machine that never becomes healthy failed, reports it, and reconcile replaces it', async () => {
    const { p, events } = await make({ bootTimeout: 400, env: { FIXTURE_NEVER_HEALTHY: '1' } });
    const m = await p.create('web', { region: 'local' });
    const pid = p.pidOf('web', m.id) as number;
    await until('failed', async () => (await stateOf(p, m.id))?.state === 'failed');
    expect(events.find((e) => e.type === 'never-healthy')?.machine.id).toBe(m.id);
    await until('child reaped', () => gone(pid));
    const steps = reconcile({ desired: { local: 1 }, machines: await p.list('web') });
    expect(steps.map((s) => s.action).sort()).toEqual(['create', 'destroy']);
    expect(steps.find((s) => s.action === 'destroy')).toMatchObject({ id: m.id });
    for (const s of steps) await executeStep(p, 'web', s);
    await until('failed one removed', async () => (await stateOf(p, m.id)) === undefined);
  });

  it('detects a crashed child, reports it, and replaces it under the same id and port', async () => {
    const { p, events } = await make();
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    const pid1 = p.pidOf('web', m.id) as number;
    await fetch(`http://${m.address}/crash`).catch(() => undefined);
    await until('crash reported', () => events.some((e) => e.type === 'crashed'));
    const crash = events.find((e) => e.type === 'crashed');
    expect(crash?.exit?.code).toBe(3);
    expect(crash?.stderrTail?.join('\n')).toContain('crashing on request');
    expect(events.some((e) => e.type === 'restarted')).toBe(true);
    await until('restarted and healthy', async () => (await stateOf(p, m.id))?.health === 'healthy');
    const again = await stateOf(p, m.id);
    expect(again).toMatchObject({ state: 'started', address: m.address });
    expect(p.pidOf('web', m.id)).not.toBe(pid1);
    expect(gone(pid1)).toBe(true);
  });

  it('marks a machine failed once it crashes past maxRestarts', async () => {
    const { p } = await make({ maxRestarts: 1, env: { FIXTURE_CRASH_AFTER_MS: '50' } });
    const m = await p.create('web', { region: 'local' });
    await until('failed', async () => (await stateOf(p, m.id))?.state === 'failed');
  });

  it('stops with SIGTERM, then SIGKILL after the grace period, leaving no process behind', async () => {
    const { p, events } = await make({ stopGracePeriod: 300, env: { FIXTURE_IGNORE_SIGTERM: '1' } });
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    const pid = p.pidOf('web', m.id) as number;
    await p.stop('web', m.id);
    expect((await stateOf(p, m.id))?.state).toBe('stopping');
    await until('stopped', async () => (await stateOf(p, m.id))?.state === 'stopped');
    expect(events.find((e) => e.type === 'killed')?.exit?.signal).toBe('SIGKILL');
    expect(gone(pid)).toBe(true);
  });

  it('a graceful child exits on SIGTERM before the grace period', async () => {
    const { p, events } = await make({ stopGracePeriod: 10_000 });
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    await p.stop('web', m.id);
    await until('stopped', async () => (await stateOf(p, m.id))?.state === 'stopped');
    expect(events.find((e) => e.type === 'stopped')?.exit).toEqual({ code: 0, signal: null });
  });

  it('reports a started instance whose health check starts failing as unhealthy', async () => {
    const { p, events } = await make();
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    process.kill(p.pidOf('web', m.id) as number, 'SIGSTOP');
    try {
      await until('unhealthy', async () => (await stateOf(p, m.id))?.health === 'unhealthy');
      expect(events.some((e) => e.type === 'unhealthy')).toBe(true);
    } finally {
      process.kill(p.pidOf('web', m.id) as number, 'SIGCONT');
    }
    await until('healthy again', async () => (await stateOf(p, m.id))?.health === 'healthy');
  });

  it('goes on checking health when an event listener throws, and reports the throw', async () => {
    const errors: string[] = [];
    const { p } = await make({
      onEvent: (e) => {
        if (e.type === 'started' || e.type === 'unhealthy') throw new Error(`listener failed on ${e.type}`);
      },
      onError: (_err, message) => errors.push(message),
    });
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    const pid = p.pidOf('web', m.id) as number;
    process.kill(pid, 'SIGSTOP');
    try {
      await until('unhealthy', async () => (await stateOf(p, m.id))?.health === 'unhealthy');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until('healthy again', async () => (await stateOf(p, m.id))?.health === 'healthy');
    expect(errors.some((e) => e.includes(m.id) && e.includes('listener failed on started'))).toBe(true);
    expect(errors.some((e) => e.includes('listener failed on unhealthy'))).toBe(true);
  });

  it('counts a health answer that trickles past the request timeout as failed, and goes on checking', async () => {
    const errors: string[] = [];
    const { p, events } = await make({
      args: ['-e', TRICKLING_APP],
      healthRequestTimeout: 300,
      onError: (_err, message) => errors.push(message),
    });
    const m = await p.create('web', { region: 'local' });
    await until('started', async () => (await stateOf(p, m.id))?.state === 'started');
    // From now on every answer sends a header byte pair every 100 ms and never ends:
    // the socket is never idle for the request timeout, so only the check's own timeout ends it.
    process.kill(p.pidOf('web', m.id) as number, 'SIGUSR2');
    await until('unhealthy', async () => (await stateOf(p, m.id))?.health === 'unhealthy');
    expect(events.some((e) => e.type === 'unhealthy')).toBe(true);
    expect(errors.some((e) => e.includes(m.id) && e.includes('timed out'))).toBe(true);
  });

  it('close() terminates every child', async () => {
    const { p } = await make();
    const a = await p.create('web', { region: 'local' });
    const b = await p.create('api', { region: 'local' });
    await until('started', async () => (await stateOf(p, a.id))?.state === 'started');
    const pids = [p.pidOf('web', a.id), p.pidOf('api', b.id)] as number[];
    await p.close();
    provider = undefined;
    for (const pid of pids) expect(gone(pid)).toBe(true);
  });

  it('rejects a region other than its own and runs out of ports with a capacity error', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as AddressInfo).port;
    try {
      const { p } = await make({ portRange: [port, port] });
      const wrong = await p.create('web', { region: 'ams' }).catch((e: unknown) => e);
      expect(isGovernorError(wrong, 'GOV_PROVIDER_INVALID')).toBe(true);
      const full = await p.create('web', { region: 'local' }).catch((e: unknown) => e);
      expect(isGovernorError(full, 'GOV_PROVIDER_CAPACITY')).toBe(true);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });
});
