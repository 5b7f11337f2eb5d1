import { isGovernorError } from '@governor/errors';
import type { Machine } from '@governor/providers';
import { isRetryable } from '@governor/providers';
import { describe, expect, it } from 'vitest';
import { FakeProvider } from '../../src/fake/fake-provider.js';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v) };
}

describe('FakeProvider', () => {
  it('completes a boot only when the injected clock passes its due time', async () => {
    const c = clock();
    const p = new FakeProvider({ now: c.now, bootTime: 5_000 });
    const created = await p.create('web', { region: 'ams' });
    expect(created.state).toBe('starting');
    c.set(5_999);
    expect((await p.list('web'))[0]?.state).toBe('starting');
    c.set(6_000);
    expect((await p.list('web'))[0]).toMatchObject({ state: 'started', health: 'healthy' });
  });

  it('keeps start-from-stopped and resume-from-suspended times separate from boot', async () => {
    const c = clock(0);
    const p = new FakeProvider({ now: c.now, bootTime: 100, startTime: 20, resumeTime: 5, stopTime: 1 });
    const a = await p.create('web', { region: 'ams' });
    const b = await p.create('web', { region: 'ams' });
    p.advanceTo(100);
    c.set(100);
    await p.stop('web', a.id);
    await p.suspend('web', b.id);
    c.set(101);
    await p.start('web', a.id);
    await p.start('web', b.id);
    c.set(106);
    const s1 = Object.fromEntries((await p.list('web')).map((x) => [x.id, x.state]));
    expect(s1).toEqual({ [a.id]: 'starting', [b.id]: 'started' });
    c.set(121);
    expect((await p.list('web')).every((x) => x.state === 'started')).toBe(true);
  });

  it('advanceTo settles synchronously and reports transitions in due order', () => {
    const seen: string[] = [];
    const p = new FakeProvider({
      now: () => 0,
      bootTime: 10,
      onTransition: (m: Machine, from) => seen.push(`${m.id}:${from ?? '-'}>${m.state}`),
    });
    void p.create('web', { region: 'ams' });
    void p.create('web', { region: 'ams', skipLaunch: true });
    expect(p.nextTransitionAt()).toBe(10);
    p.advanceTo(10);
    expect(p.nextTransitionAt()).toBe(Number.POSITIVE_INFINITY);
    expect(seen).toEqual(['m000001:->starting', 'm000002:->created', 'm000001:starting>started']);
  });

  it('is idempotent: starting a started and destroying a destroyed machine do nothing', async () => {
    const p = new FakeProvider({ now: () => 0 });
    const a = await p.create('web', { region: 'ams' });
    await p.start('web', a.id);
    await p.destroy('web', a.id);
    await p.destroy('web', a.id);
    await p.destroy('web', 'never-existed');
    expect(await p.list('web')).toEqual([]);
  });

  it('refuses to act on a machine mid-transition with a retryable conflict', async () => {
    const p = new FakeProvider({ now: () => 0, bootTime: 10 });
    const a = await p.create('web', { region: 'ams' });
    const err = await p.stop('web', a.id).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_CONFLICT')).toBe(true);
    expect(isRetryable(err)).toBe(true);
  });

  it('injects failures by operation, region and count', async () => {
    const p = new FakeProvider({ now: () => 0, failures: [{ op: 'create', region: 'ord', times: 2 }] });
    await expect(p.create('web', { region: 'ord' })).rejects.toSatisfy(isRetryable);
    await expect(p.create('web', { region: 'ord' })).rejects.toSatisfy(isRetryable);
    await expect(p.create('web', { region: 'ams' })).resolves.toMatchObject({ region: 'ams' });
    await expect(p.create('web', { region: 'ord' })).resolves.toMatchObject({ region: 'ord' });
    p.injectFailure({ op: 'start', error: 'permanent', times: 1 });
    const err = await p.start('web', 'm000001').catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_INVALID')).toBe(true);
    expect(p.calls.create).toBe(4);
  });

  it('enforces region capacity with a permanent error', async () => {
    const p = new FakeProvider({ now: () => 0, capacity: { ams: 1 } });
    await p.create('web', { region: 'ams' });
    const err = await p.create('web', { region: 'ams' }).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_CAPACITY')).toBe(true);
    expect(isRetryable(err)).toBe(false);
  });

  it('lets a boot end unhealthy or failed', async () => {
    const p = new FakeProvider({
      now: () => 0,
      bootOutcome: (m) =>
        m.region === 'bad' ? { state: 'failed' } : { state: 'started', health: 'unhealthy' },
    });
    await p.create('web', { region: 'bad' });
    await p.create('web', { region: 'ams' });
    expect((await p.list('web')).map((m) => `${m.region}:${m.state}:${m.health}`)).toEqual([
      'bad:failed:unhealthy',
      'ams:started:unhealthy',
    ]);
  });

  it('listSync returns a fresh array that reflects every change', async () => {
    let t = 0;
    const p = new FakeProvider({ now: () => t, bootTime: 10 });
    const a = await p.create('web', { region: 'ams' });
    const first = p.listSync('web');
    first.pop();
    expect(p.listSync('web').map((m) => m.state)).toEqual(['starting']);
    t = 10;
    expect(p.listSync('web').map((m) => m.state)).toEqual(['started']);
    p.setHealth('web', a.id, 'unhealthy');
    expect(p.listSync('web').map((m) => m.health)).toEqual(['unhealthy']);
    await p.destroy('web', a.id);
    expect(p.listSync('web')).toEqual([]);
  });

  it('stays cheap over many simulated ticks', async () => {
    let t = 0;
    const p = new FakeProvider({ now: () => t, bootTime: 30_000, stopTime: 5_000 });
    for (let i = 0; i < 50; i++) await p.create('web', { region: 'ams' });
    let started = 0;
    for (t = 0; t < 200_000 * 1_000; t += 1_000) {
      p.advanceTo(t);
      if (t === 30_000) started = p.listSync('web').filter((m) => m.state === 'started').length;
    }
    expect(started).toBe(50);
  });
});
