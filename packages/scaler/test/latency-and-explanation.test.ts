import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, explain } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { buckets, machine, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;
const BOUNDS = [0.1, 0.2, 0.3, 0.4, 0.5];

describe('latency target', () => {
  const policy = appConfig({
    max: 20,
    targets: [{ type: 'latency', quantile: 'p99', slo: 250, targetRatio: 0.8 }],
    behavior: { scaleUp: { policies: [{ type: 'machines', value: 4, period: 15_000 }] } },
  });

  it('merges the machines distributions, takes the quantile and tracks slo x targetRatio', () => {
    // Machine a: 100 requests under 100ms. Machine b: 100 requests in (400, 500]ms.
    // Merged p99: rank 198 of 200, inside the last bucket -> 0.4 + 0.1 x 98/100 = 0.498 s.
    const ms = [
      machine('a', { latency: buckets(BOUNDS, [100, 0, 0, 0, 0]) }),
      machine('b', { latency: buckets(BOUNDS, [0, 0, 0, 0, 100]) }),
      machine('c', { latency: buckets(BOUNDS, [0, 0, 0, 0, 0]) }),
    ];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    const p = d.proposals[0];
    expect(p?.current).toBeCloseTo(498, 6);
    expect(p?.target).toBe(200);
    // ratio 2.49 x 3 ready -> 8; scale-up limited to +4 -> 7.
    expect(p?.proposed).toBe(8);
    expect(d.desired).toBe(7);
    expect(d.explanation).toMatch(/p99 498ms vs SLO 250ms x 0.8 -> ratio 2.49/);
    expect(d.explanation).toMatch(/scale-up limited to \+4 per 15s from 3 -> 7/);
    expect(d.explanation).toMatch(/web: 3 -> 7 machines \(scale_up\)/);
  });

  it('an empty window (zero requests) has no latency value and never proposes a scale-down', () => {
    // Four machines, none served a request this window: 0 ms would propose 4 -> 1.
    const ms = ['a', 'b', 'c', 'd'].map((id) => machine(id, { latency: buckets(BOUNDS, [0, 0, 0, 0, 0]) }));
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.proposals[0]).toMatchObject({ status: 'invalid' });
    expect(d.proposals[0]?.current).toBeUndefined();
    expect(d.proposals[0]?.formula).toContain('no request in the window');
    expect(d.desired).toBe(4);
    expect(d.outcome).not.toBe('scale_down');
  });

  it('applies the ratio to ready machines only', () => {
    const ms = [
      machine('a', { latency: buckets(BOUNDS, [0, 0, 0, 0, 100]) }),
      machine('b', { latency: buckets(BOUNDS, [0, 0, 0, 0, 100]) }, { ready: false }),
    ];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.proposals[0]?.basis).toBe(1);
  });

  it('is invalid when no machine is ready (HPA would propose 0), so it cannot scale down', () => {
    const ms = [
      machine('a', { latency: buckets(BOUNDS, [0, 0, 0, 0, 100]) }, { ready: false }),
      machine('b', { latency: buckets(BOUNDS, [0, 0, 0, 0, 100]) }, { ready: false }),
    ];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.proposals[0]?.status).toBe('invalid');
    expect(d.desired).toBe(2);
    const hpa = decide({ ...policy, hpaCompatible: true }, observe(ms), emptyHistory(), NOW);
    expect(hpa.proposals[0]?.proposed, 'HPA: ceil(ratio x 0 ready)').toBe(0);
  });

  it('is invalid when no machine reports a distribution', () => {
    const d = decide(policy, observe([machine('a', { cpu: 0.5 })]), emptyHistory(), NOW);
    expect(d.proposals[0]?.status).toBe('invalid');
    expect(d.desired).toBe(1);
  });
});

describe('the decision record', () => {
  it('is versioned JSON carrying every input and the next history', () => {
    const obs = observe([machine('a', { cpu: 0.9 })]);
    const d = decide(appConfig(), obs, emptyHistory(), NOW);
    const round = JSON.parse(JSON.stringify(d));
    expect(round.version).toBe(1);
    expect(round.inputs.now).toBe(NOW);
    expect(round.inputs.observations).toEqual(obs);
    expect(round.history.version).toBe(1);
    expect(explain(d)).toBe(d.explanation);
  });

  it('rejects a malformed history with GOV_SCALER_INVALID_INPUT', () => {
    const bad = { version: 2 } as unknown as ReturnType<typeof emptyHistory>;
    expect(() => decide(appConfig(), observe([]), bad, NOW)).toThrowError(
      expect.objectContaining({ code: 'GOV_SCALER_INVALID_INPUT' }),
    );
  });
});
