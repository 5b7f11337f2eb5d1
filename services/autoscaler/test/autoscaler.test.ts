import { MemoryBus } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { afterEach, describe, expect, it } from 'vitest';
import { Autoscaler, type AutoscalerOptions } from '../src/autoscaler.js';
import { appPolicy, fixedDecide, testConfig } from './fixtures/test-config.js';

const running: Autoscaler[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
});

function make(options: Partial<AutoscalerOptions> & Pick<AutoscalerOptions, 'config'>) {
  const provider = new FakeProvider();
  const a = new Autoscaler({
    configHash: 'abc123abc123abc1',
    providers: { fake: provider },
    bus: new MemoryBus(),
    decide: fixedDecide(() => 3),
    ...options,
  });
  running.push(a);
  return { a, provider };
}

/** A fake provider whose `list` never settles for `app`, and the fake behind it. */
function providerHangingOn(app: string) {
  const fake = new FakeProvider();
  const hanging = {
    ...fake,
    kind: 'hanging',
    list: (name: string) => (name === app ? new Promise<never>(() => {}) : fake.list(name)),
    create: fake.create.bind(fake),
    start: fake.start.bind(fake),
    stop: fake.stop.bind(fake),
    suspend: fake.suspend.bind(fake),
    destroy: fake.destroy.bind(fake),
    close: fake.close.bind(fake),
  };
  return { fake, hanging };
}

const started = (p: FakeProvider, app: string) => p.listSync(app).filter((m) => m.state === 'started').length;

describe('Autoscaler tick', () => {
  it('records a decision and converges the fleet through the queue, every action traceable to it', async () => {
    const { a, provider } = make({ config: testConfig([appPolicy('web')]) });
    await a.tickOnce();
    await a.queue.idle();
    expect(started(provider, 'web')).toBe(3);
    const [record] = a.decisions.list({ app: 'web' });
    expect(record).toMatchObject({ disposition: 'enqueued', current: 0, decided: 3, target: { local: 3 } });
    expect(record?.explanation).toContain('web: 0 -> 3 machines (scale_up)');
    expect(record?.action?.result).toBe('ok');
    expect(record?.action?.steps.map((s) => s.action)).toEqual(['create', 'create', 'create']);
    const metrics = await a.metrics.registry.metrics();
    expect(metrics).toContain('governor_decisions_total{app="web",outcome="scale_up"} 1');
    expect(metrics).toContain('governor_actions_total{app="web",action="create",result="ok"} 3');
    expect(metrics).toContain('governor_desired_machines{app="web",region="local"} 3');
    // The machines gauge is what the next tick observes.
    await a.tickOnce();
    expect(await a.metrics.registry.metrics()).toContain(
      'governor_machines{app="web",region="local",state="started"} 3',
    );
  });

  it("parks a scale-down in the warm pool the way the app's `park` says", async () => {
    let want = 3;
    const decide = fixedDecide(() => want);
    const parked = async (park: 'stop' | 'suspend') => {
      const { a, provider } = make({
        config: testConfig([{ ...appPolicy('web'), park }]),
        // A pool only from the scale-down on, so the parked machines fill it.
        decide: (p, o, h, n) => ({ ...decide(p, o, h, n), warmPool: want === 1 ? 2 : 0 }),
      });
      want = 3;
      await a.tickOnce();
      await a.queue.idle();
      want = 1;
      await a.tickOnce();
      await a.queue.idle();
      return provider
        .listSync('web')
        .map((m) => m.state)
        .sort();
    };
    expect(await parked('suspend')).toEqual(['started', 'suspended', 'suspended']);
    expect(await parked('stop')).toEqual(['started', 'stopped', 'stopped']);
  });

  it('exports fleet latency and the SLO with the same percentile labels as the collectors (p99)', async () => {
    const bus = new MemoryBus();
    const { a, provider } = make({ config: testConfig([appPolicy('web')]), bus });
    await a.tickOnce();
    await a.queue.idle();
    const now = Date.now();
    for (const m of provider.listSync('web')) {
      await bus.publish({
        version: 1,
        app: 'web',
        instance: m.id,
        region: 'local',
        windowStart: now - 1000,
        windowEnd: now,
        ready: true,
        requests: { rate: 10, errorRatio: 0, count: 10 },
        latency: { kind: 'buckets', bounds: [0.1, 0.5], cumulative: [5, 10], count: 10, sum: 2 },
        custom: {},
        scrape: { up: true, ok: 1, failed: 0 },
      });
    }
    await a.tickOnce();
    const metrics = await a.metrics.registry.metrics();
    expect(metrics).toMatch(/governor_app_latency_seconds\{app="web",percentile="p99"\} 0\.\d+/);
    expect(metrics).toContain('governor_app_slo_seconds{app="web",percentile="p99"} 0.2');
    // Gauges never carry the `quantile` label Prometheus reserves for summaries.
    expect(metrics).not.toContain('quantile=');
  });

  it('in shadow mode decides and records but never acts', async () => {
    const { a, provider } = make({ config: testConfig([appPolicy('web', { mode: 'shadow' })]) });
    await a.tickOnce();
    await a.queue.idle();
    expect(provider.listSync('web')).toHaveLength(0);
    expect(a.decisions.last('web')).toMatchObject({ mode: 'shadow', disposition: 'shadow', decided: 3 });
    expect(a.decisions.last('web')?.explanation).toMatch(/^web is shadow, not acting/);
  });

  it('does not act while paused through the API, and acts again once resumed', async () => {
    const { a, provider } = make({ config: testConfig([appPolicy('web')]) });
    a.requireApp('web').pause = { at: 0, reason: 'incident' };
    await a.tickOnce();
    await a.queue.idle();
    expect(provider.listSync('web')).toHaveLength(0);
    expect(a.decisions.last('web')?.disposition).toBe('paused');
    a.requireApp('web').pause = undefined;
    await a.tickOnce();
    await a.queue.idle();
    expect(started(provider, 'web')).toBe(3);
  });

  it('applies a manual override until it expires, then follows the scaler again', async () => {
    let now = 1_000_000;
    const { a, provider } = make({ config: testConfig([appPolicy('web')]), now: () => now });
    a.requireApp('web').override = { machines: 5, setAt: now, expiresAt: now + 60_000, reason: 'launch' };
    await a.tickOnce();
    await a.queue.idle();
    expect(started(provider, 'web')).toBe(5);
    expect(a.decisions.last('web')).toMatchObject({
      disposition: 'override',
      decided: 3,
      target: { local: 5 },
    });
    now += 60_000;
    await a.tickOnce();
    await a.queue.idle();
    expect(started(provider, 'web')).toBe(3);
    expect(a.requireApp('web').override).toBeUndefined();
  });

  it('keeps deciding for healthy apps when one app has a failing provider and another a throwing decide', async () => {
    const provider = new FakeProvider({ failures: [{ op: 'list', app: 'broken-provider' }] });
    const config = testConfig([
      appPolicy('broken-provider'),
      appPolicy('broken-decide'),
      appPolicy('healthy'),
    ]);
    const base = fixedDecide(() => 2);
    const { a } = make({
      config,
      providers: { fake: provider },
      decide: (policy, obs, history, now) => {
        if (policy.name === 'broken-decide') throw new Error('decide bug');
        return base(policy, obs, history, now);
      },
    });
    a.start();
    await expect
      .poll(() => a.decisions.list({ app: 'healthy' }).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    await a.queue.idle();
    expect(started(provider, 'healthy')).toBe(2);
    const brokenProvider = a.decisions.last('broken-provider');
    expect(brokenProvider).toMatchObject({ disposition: 'error', outcome: 'error' });
    expect(brokenProvider?.error?.message).toBeTruthy();
    expect(a.decisions.last('broken-decide')).toMatchObject({
      disposition: 'error',
      error: { code: 'GOV_SERVICE_APP_TICK_FAILED', message: 'decide bug' },
    });
    expect(provider.listSync('broken-decide')).toHaveLength(0);
    const metrics = await a.metrics.registry.metrics();
    expect(metrics).toMatch(/governor_decisions_total\{app="broken-decide",outcome="error"\} [3-9]/);

    // Once the provider recovers, the app is served again without a restart.
    provider.clearFailures();
    await expect.poll(() => started(provider, 'broken-provider'), { timeout: 10_000 }).toBe(2);
  });

  it('does not let an app whose provider hangs hold up the others', async () => {
    const { fake, hanging } = providerHangingOn('stuck');
    const config = testConfig([appPolicy('stuck'), appPolicy('fine')], { tickInterval: 20 });
    const { a } = make({ config, providers: { fake: hanging } });
    a.start();
    await expect
      .poll(() => a.decisions.list({ app: 'fine' }).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(10);
    // Ten ticks of the healthy app went by while the stuck app's first tick had not even ended.
    expect(a.decisions.list({ app: 'stuck' })).toHaveLength(0);
    expect(started(fake, 'fine')).toBe(3);
    // The stuck app's first tick was abandoned at the tick timeout and recorded as an error.
    await expect
      .poll(() => a.decisions.last('stuck')?.error?.code, { timeout: 10_000 })
      .toBe('GOV_SERVICE_TICK_TIMEOUT');
  });

  it('ticks a group of apps together: one snapshot read for the group, every app decided', async () => {
    const reads: string[][] = [];
    let single = 0;
    let batching = false;
    class CountingBus extends MemoryBus {
      override async latestOf(apps: readonly string[]) {
        reads.push([...apps]);
        batching = true;
        try {
          return await super.latestOf(apps);
        } finally {
          batching = false;
        }
      }
      override latest(app?: string) {
        if (!batching) single++;
        return super.latest(app);
      }
    }
    const config = testConfig([appPolicy('a'), appPolicy('b'), appPolicy('c')]);
    const { a } = make({ config, bus: new CountingBus(), tickGroup: () => 'shard 0' });
    await a.tickOnce();
    expect(reads, `got ${JSON.stringify(reads)}`).toEqual([['a', 'b', 'c']]);
    expect(single).toBe(0);
    for (const app of ['a', 'b', 'c']) expect(a.decisions.last(app)?.decided).toBe(3);
  });

  it('abandons a group whose app hangs at the tick timeout: that app is recorded as failed, the others decided', async () => {
    const { hanging } = providerHangingOn('stuck');
    const config = testConfig([appPolicy('stuck'), appPolicy('fine')], { tickInterval: 20 });
    const { a } = make({ config, providers: { fake: hanging }, tickGroup: () => 'shard 0' });
    a.start();
    await expect
      .poll(() => a.decisions.last('stuck')?.error?.code, { timeout: 10_000 })
      .toBe('GOV_SERVICE_TICK_TIMEOUT');
    expect(a.decisions.list({ app: 'fine' }).length).toBeGreaterThanOrEqual(1);
    // The group ticks again after the abandoned tick: its healthy app keeps being decided.
    const seen = a.decisions.list({ app: 'fine' }).length;
    await expect
      .poll(() => a.decisions.list({ app: 'fine' }).length, { timeout: 10_000 })
      .toBeGreaterThan(seen);
  });

  it('keeps a bounded decision history per app', async () => {
    const config = testConfig([appPolicy('web')]);
    const { a } = make({ config: { ...config, daemon: { ...config.daemon, historySize: 3 } } });
    for (let i = 0; i < 6; i++) await a.tickOnce();
    expect(a.decisions.list({ app: 'web' })).toHaveLength(3);
  });
});
