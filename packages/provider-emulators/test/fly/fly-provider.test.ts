import { isGovernorError } from '@governor/errors';
import type { Machine } from '@governor/providers';
import { executeStep, isRetryable, reconcile } from '@governor/providers';
import type { FlyLogger } from '@governor/providers/fly';
import { FlyProvider, type FlyProviderOptions } from '@governor/providers/fly';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FlyEmulator, startFlyEmulator } from '../../src/fly/start-fly-emulator.js';
import { webConfig } from '../support/fly-template.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fast = { boot: 60, start: 30, resume: 20, stop: 30, suspend: 30, destroy: 20, health: 20 };

let emu: FlyEmulator;
beforeEach(async () => {
  emu = await startFlyEmulator({ apps: ['web'], timings: fast });
});
afterEach(async () => {
  await emu.close();
});

function provider(extra: Partial<FlyProviderOptions> = {}): FlyProvider {
  return new FlyProvider({ apiUrl: emu.url, token: () => emu.token, backoffBaseMs: 20, ...extra });
}

async function until(p: FlyProvider, ok: (ms: Machine[]) => boolean, tries = 100): Promise<Machine[]> {
  for (let i = 0; i < tries; i++) {
    const ms = await p.list('web');
    if (ok(ms)) return ms;
    await sleep(30);
  }
  throw new Error('condition never held');
}

describe('FlyProvider', () => {
  it('lists only the managed process group and creates from a copy of its newest machine config', async () => {
    const appId = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const worker = { ...webConfig(), image: 'worker:1', metadata: { fly_process_group: 'worker' } };
    emu.seedMachine({ app: 'web', region: 'ams', config: worker });
    const p = provider();
    expect((await p.list('web')).map((m) => m.id)).toEqual([appId]);
    const created = await p.create('web', { region: 'ord' });
    const wire = emu.state.machines('web').find((m) => m.id === created.id);
    const template = webConfig();
    expect(wire?.config).toEqual({
      ...template,
      metadata: { ...(template.metadata as object), governor_create_id: expect.any(String) },
    });
    expect(wire?.region).toBe('ord');
    const listed = await until(p, (ms) => ms.some((m) => m.id === created.id && m.health === 'healthy'));
    expect(listed.find((m) => m.id === created.id)).toMatchObject({
      processGroup: 'app',
      region: 'ord',
      state: 'started',
      address: expect.stringMatching(/^\[fdaa:.*\]:8080$/),
    });
  });

  it('refuses to create when there is no machine to copy and no template', async () => {
    const err = await provider()
      .create('web', { region: 'ams' })
      .catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_INVALID')).toBe(true);
  });

  it('sends the lease nonce with every mutation and releases the lease after', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const p = provider();
    await p.stop('web', id);
    await p.waitForState('web', id, 'stopped', 5_000);
    const stop = emu.state.requests.find((r) => r.method === 'POST' && r.path.endsWith('/stop'));
    const lease = emu.state.requests.find((r) => r.method === 'POST' && r.path.endsWith('/lease'));
    const release = emu.state.requests.find((r) => r.method === 'DELETE' && r.path.endsWith('/lease'));
    expect(stop?.status).toBe(200);
    expect(lease?.status).toBe(201);
    expect(stop?.leaseNonce).toBeDefined();
    expect(release?.leaseNonce).toBe(stop?.leaseNonce);
    expect(emu.state.lease('web', id)).toBeUndefined();
  });

  it('never acts over a lease held by someone else: waits, then reports a retryable conflict', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.holdLease('web', id, 60);
    const p = provider({ leaseWaitMs: 600 });
    const err = await p.stop('web', id).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_CONFLICT')).toBe(true);
    expect(isRetryable(err)).toBe(true);
    expect(emu.state.requests.filter((r) => r.path.endsWith('/stop'))).toEqual([]);
    const leaseTries = emu.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/lease'));
    expect(leaseTries.length).toBeGreaterThan(1);
    expect(leaseTries.every((r) => r.status === 409)).toBe(true);
    expect(emu.state.machines('web')[0]?.state).toBe('started');
  });

  it('acts once a lease held by someone else expires while it waits', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.holdLease('web', id, 1);
    await provider({ leaseWaitMs: 5_000 }).stop('web', id);
    expect(emu.state.requests.filter((r) => r.path.endsWith('/stop')).map((r) => r.status)).toEqual([200]);
  });

  it('converges through 429 and 500 answers without exceeding its retry bound', async () => {
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.inject({ status: 429, method: 'POST', path: /\/machines$/, count: 2, retryAfter: 0 });
    emu.faults.inject({ status: 500, method: 'POST', path: /\/machines$/, count: 2 });
    const p = provider({ maxAttempts: 5 });
    const created = await p.create('web', { region: 'ams' });
    const creates = emu.state.requests.filter((r) => r.method === 'POST' && /\/machines$/.test(r.path));
    expect(creates.map((r) => r.status)).toEqual([429, 429, 500, 500, 200]);
    expect(created.state).toBe('starting');
  });

  it('creates exactly one machine when the answer to a create is lost after the machine was made', async () => {
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.inject({ status: 502, method: 'POST', path: /\/machines$/, count: 1, afterHandling: true });
    const created = await provider().create('web', { region: 'ams' });
    const machines = emu.state.machines('web');
    expect(machines).toHaveLength(2);
    expect(machines.map((m) => m.id)).toContain(created.id);
    const posts = emu.state.requests.filter((r) => r.method === 'POST' && /\/machines$/.test(r.path));
    expect(posts.map((r) => r.status)).toEqual([502]);
  });

  it('retries a create that the API refused before acting (a plain 500): one machine, two POSTs', async () => {
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.inject({ status: 500, method: 'POST', path: /\/machines$/, count: 1 });
    await provider().create('web', { region: 'ams' });
    expect(emu.state.machines('web')).toHaveLength(2);
    const posts = emu.state.requests.filter((r) => r.method === 'POST' && /\/machines$/.test(r.path));
    expect(posts.map((r) => r.status)).toEqual([500, 200]);
  });

  it('gives up with GOV_PROVIDER_RETRIES_EXHAUSTED after exactly maxAttempts tries', async () => {
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.inject({ status: 503, method: 'POST', path: /\/machines$/ });
    const err = await provider({ maxAttempts: 3 })
      .create('web', { region: 'ams' })
      .catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_RETRIES_EXHAUSTED')).toBe(true);
    expect(isRetryable(err)).toBe(true);
    expect(isGovernorError((err as Error).cause, 'GOV_PROVIDER_UNAVAILABLE')).toBe(true);
    expect(emu.state.requests.filter((r) => r.method === 'POST' && /\/machines$/.test(r.path))).toHaveLength(
      3,
    );
  });

  it('stops retrying at the total deadline even with attempts left', async () => {
    emu.faults.inject({ status: 500, path: /\/machines$/ });
    const p = provider({ maxAttempts: 1000, deadlineMs: 300, backoffBaseMs: 50, backoffMaxMs: 100 });
    const err = await p.list('web').catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_RETRIES_EXHAUSTED')).toBe(true);
    expect(emu.state.requests.length).toBeLessThan(20);
  });

  it('rides out an outage of 5xx for a while within its deadline', async () => {
    emu.faults.inject({ status: 502, forMs: 300 });
    const list = await provider({ maxAttempts: 20, backoffBaseMs: 50, backoffMaxMs: 100 }).list('web');
    expect(list).toEqual([]);
    expect(emu.state.requests.some((r) => r.status === 502)).toBe(true);
  });

  it('keeps under the API rate limit on its own (no 429 from the server)', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig(), state: 'stopped' });
    const p = provider();
    for (let i = 0; i < 5; i++) {
      await p.client.call({
        method: 'POST',
        path: `/apps/web/machines/${id}/start`,
        action: 'start',
        target: id,
        accept: [412],
      });
    }
    const starts = emu.state.requests.filter((r) => r.path.endsWith('/start'));
    expect(starts).toHaveLength(5);
    expect(starts.some((r) => r.status === 429)).toBe(false);
  });

  it('the emulator itself answers 429 beyond a burst of 3 per action and machine', async () => {
    await emu.close();
    emu = await startFlyEmulator({ apps: ['web'], now: () => 5_000_000 }); // a frozen clock: no refill
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig(), state: 'stopped' });
    const p = provider({ rateLimit: false, maxAttempts: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await p.client
        .call({
          method: 'POST',
          path: `/apps/web/machines/${id}/start`,
          action: 'start',
          target: id,
          accept: [412],
        })
        .then((x) => x.status)
        .catch((e: unknown) => (isGovernorError(e, 'GOV_PROVIDER_RETRIES_EXHAUSTED') ? 429 : -1));
      codes.push(r);
    }
    expect(codes).toEqual([200, 412, 412, 429]);
  });

  it('maps a bad token to a permanent auth error and an unknown app to not found', async () => {
    const bad = new FlyProvider({ apiUrl: emu.url, token: () => 'wrong' });
    const err = await bad.list('web').catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_AUTH')).toBe(true);
    expect(isRetryable(err)).toBe(false);
    const missing = await provider()
      .list('nope')
      .catch((e: unknown) => e);
    expect(isGovernorError(missing, 'GOV_PROVIDER_NOT_FOUND')).toBe(true);
  });

  it('reports insufficient capacity as a permanent capacity error', async () => {
    emu.faults.setRegionFull('syd', true);
    const err = await provider({ template: webConfig() })
      .create('web', { region: 'syd' })
      .catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_CAPACITY')).toBe(true);
  });

  it('never logs or leaks the token', async () => {
    const lines: string[] = [];
    const log: FlyLogger = (level, msg, fields) => lines.push(`${level} ${msg} ${JSON.stringify(fields)}`);
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.inject({ status: 500, count: 1 });
    const p = provider({ log });
    await p.list('web');
    await p.stop('web', id);
    const bad = new FlyProvider({ apiUrl: emu.url, token: () => `${emu.token}x`, log });
    const err = await bad.list('web').catch((e: unknown) => e);
    expect(lines.length).toBeGreaterThan(3);
    const everything = [
      ...lines,
      JSON.stringify(p),
      JSON.stringify(err),
      String(err),
      JSON.stringify(p.client),
    ].join('\n');
    expect(everything).not.toContain(emu.token);
  });

  it('replaces a machine that never becomes healthy (reconcile with replaceUnhealthy)', async () => {
    const good = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const bad = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.setChecks('web', bad, 'critical');
    const p = provider();
    const listed = await p.list('web');
    expect(listed.find((m) => m.id === bad)?.health).toBe('unhealthy');
    const desired = { ams: 2 };
    const reasons: string[] = [];
    let final: Machine[] = [];
    for (let round = 0; round < 60; round++) {
      final = await p.list('web');
      const steps = reconcile({ desired, machines: final, replaceUnhealthy: true });
      const healthy = final.filter((m) => m.state === 'started' && m.health === 'healthy').length;
      if (steps.length === 0 && healthy === 2) break;
      for (const s of steps) {
        reasons.push(s.reason);
        await executeStep(p, 'web', s);
      }
      await sleep(40);
    }
    expect(final.map((m) => m.id)).toContain(good);
    expect(final.map((m) => m.id)).not.toContain(bad);
    expect(final.filter((m) => m.state === 'started' && m.health === 'healthy')).toHaveLength(2);
    expect(reasons).toContain('replacing unhealthy machine in ams');
  });

  it('converges a fleet through reconcile while the API fails with 503 for a while', async () => {
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig(), state: 'stopped' });
    emu.faults.inject({ status: 503, forMs: 400 });
    const p = provider({ maxAttempts: 2, backoffBaseMs: 20, backoffMaxMs: 50 });
    const failures: string[] = [];
    let machines: Machine[] = [];
    for (let round = 0; round < 100; round++) {
      try {
        machines = await p.list('web');
        const steps = reconcile({ desired: { ams: 2, ord: 1 }, machines });
        const running = machines.filter((m) => m.state === 'started').length;
        if (steps.length === 0 && running === 3) break;
        for (const s of steps) await executeStep(p, 'web', s);
      } catch (err) {
        // The worker's job: a retryable failure is tried again on the next round.
        expect(isRetryable(err)).toBe(true);
        failures.push((err as Error).message);
      }
      await sleep(40);
    }
    expect(failures.length).toBeGreaterThan(0);
    expect(
      machines
        .filter((m) => m.state === 'started')
        .map((m) => m.region)
        .sort(),
    ).toEqual(['ams', 'ams', 'ord']);
    expect(
      emu.state.requests.some((r) => r.method === 'POST' && r.path.endsWith('/start') && r.status === 200),
    ).toBe(true);
  });

  it('reports start of a destroyed machine as not found, without taking a lease', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    const p = provider();
    await p.destroy('web', id);
    await p.waitForState('web', id, 'destroyed', 5_000);
    const err = await p.start('web', id).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_NOT_FOUND')).toBe(true);
    expect(emu.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/lease'))).toHaveLength(
      1,
    );
  });

  it('replaces a machine whose boot fails', async () => {
    emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
    emu.faults.failBoots('web', 1);
    const p = provider();
    const first = await p.create('web', { region: 'ams' });
    const listed = await until(p, (ms) => ms.some((m) => m.id === first.id && m.state === 'failed'));
    const steps = reconcile({ desired: { ams: 2 }, machines: listed });
    expect(steps.map((s) => `${s.action}:${s.action === 'create' ? s.region : s.id}`).sort()).toEqual([
      'create:ams',
      `destroy:${first.id}`,
    ]);
    expect(steps.find((s) => s.action === 'destroy')?.reason).toBe('machine failed in ams');
    for (const s of steps) await executeStep(p, 'web', s);
    const final = await until(
      p,
      (ms) => ms.filter((m) => m.state === 'started').length === 2 && !ms.some((m) => m.id === first.id),
    );
    expect(final).toHaveLength(2);
  });

  it('waitForState reports a timeout as a retryable error', async () => {
    const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig(), state: 'stopped' });
    const err = await provider()
      .waitForState('web', id, 'started', 1_000)
      .catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_TIMEOUT')).toBe(true);
  });
});
