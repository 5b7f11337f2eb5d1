import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, type History, type Observations } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { machine } from './support/machines.js';

const NOW = 1_700_000_000_000;
const S = 1000;

const queue = {
  type: 'queue',
  queue: 'emails',
  prefix: 'bull',
  includeActive: false,
  perMachine: 10,
} as const;

function obs(n: number, external?: Record<string, number>, sourceError?: string): Observations {
  const machines = Array.from({ length: n }, (_, i) => machine(`m${i}`, {}));
  return {
    app: 'web',
    machines,
    ...(external === undefined ? {} : { external }),
    ...(sourceError === undefined ? {} : { sourceError }),
  };
}

describe('queue targets', () => {
  it.each([
    [1, 95, 10],
    [3, 30, 3],
    [4, 1, 1],
    [2, 0, 0],
  ])('%i machines with a backlog of %i jobs at 10 per machine propose %i', (current, backlog, want) => {
    const p = appConfig({ min: 1, max: 20, targets: [queue] });
    const d = decide(p, obs(current, { 'queue:emails': backlog }), emptyHistory(), NOW);
    const proposal = d.proposals.find((x) => x.metric === 'queue:emails');
    expect(proposal?.proposed ?? current, proposal?.formula).toBe(want);
  });

  it('a missing backlog is a missing metric: no scale-down, with the reason in the explanation', () => {
    const p = appConfig({ min: 1, max: 20, targets: [queue, { type: 'cpu', utilization: 0.7 }] });
    const o = obs(4, undefined, 'redis "jobs": connect ECONNREFUSED 127.0.0.1:1');
    o.machines.forEach((m) => {
      m.metrics = { cpu: 0.05 };
    });
    const d = decide(p, o, emptyHistory(), NOW);
    expect(d.desired).toBe(4);
    expect(d.proposals.find((x) => x.metric === 'queue:emails')?.status).toBe('invalid');
    expect(d.explanation).toContain('metric source failed: redis "jobs": connect ECONNREFUSED');
    expect(d.explanation).toContain('queue:emails invalid -> no scale-down');
  });

  it('falls back after N ticks without any value', () => {
    const p = appConfig({ min: 1, max: 20, targets: [queue], fallback: { machines: 5, afterFailures: 2 } });
    let h: History = emptyHistory();
    const d1 = decide(p, obs(2), h, NOW);
    h = d1.history;
    const d2 = decide(p, obs(2), h, NOW + 5 * S);
    expect(d1.outcome).not.toBe('fallback');
    expect(d2.outcome).toBe('fallback');
    expect(d2.desired).toBe(5);
  });

  it('with scale to zero: zero after idleAfter with an empty queue, woken by the next job', () => {
    const p = appConfig({
      min: 0,
      max: 20,
      targets: [queue],
      scaleToZero: { enabled: true, activationRps: 0, idleAfter: 60 * S },
    });
    const d1 = decide(p, obs(1, { 'queue:emails': 0 }), emptyHistory(), NOW);
    expect(d1.desired).toBe(1);
    const d2 = decide(p, obs(1, { 'queue:emails': 0 }), d1.history, NOW + 60 * S);
    expect(d2.desired, d2.explanation).toBe(0);
    const d3 = decide(p, obs(0, { 'queue:emails': 0 }), d2.history, NOW + 65 * S);
    expect(d3.desired).toBe(0);
    const d4 = decide(p, obs(0, { 'queue:emails': 25 }), d3.history, NOW + 70 * S);
    expect(d4.desired, d4.explanation).toBe(3);
  });

  it('an unknown backlog keeps the app active (never idles on a source outage)', () => {
    const p = appConfig({
      min: 0,
      max: 20,
      targets: [queue],
      scaleToZero: { enabled: true, activationRps: 0, idleAfter: 60 * S },
    });
    const h: History = { ...emptyHistory(), lastActiveAt: NOW - 600 * S };
    expect(decide(p, obs(1), h, NOW).desired).toBe(1);
  });
});

describe('query targets', () => {
  it('perMachine divides the fleet value', () => {
    const p = appConfig({
      min: 1,
      max: 20,
      targets: [{ type: 'query', name: 'inflight', query: 'x', perMachine: 8 }],
    });
    const d = decide(p, obs(2, { 'query:inflight': 40 }), emptyHistory(), NOW);
    expect(d.desired).toBe(5);
  });

  it("a value that is exactly k machines' worth asks for k machines, not k + 1 from float rounding", () => {
    // 4.2 / 0.6 is 7.000000000000001 in floats.
    const p = appConfig({
      min: 1,
      max: 20,
      targets: [{ type: 'query', name: 'inflight', query: 'x', perMachine: 0.6 }],
    });
    const d = decide(p, obs(5, { 'query:inflight': 4.2 }), emptyHistory(), NOW);
    const proposal = d.proposals.find((x) => x.metric === 'query:inflight');
    expect(proposal?.proposed, proposal?.formula).toBe(7);
    expect(d.desired).toBe(7);
  });

  it('value treats the result as an average per machine over the ready machines', () => {
    const p = appConfig({
      min: 1,
      max: 20,
      targets: [{ type: 'query', name: 'load', query: 'x', value: 0.5 }],
    });
    const d = decide(p, obs(4, { 'query:load': 0.75 }), emptyHistory(), NOW);
    expect(d.desired).toBe(6); // ceil(1.5 x 4)
  });
});
