import type { InstanceSnapshot } from '@governor/metrics';
import type { Machine } from '@governor/providers';
import { describe, expect, it } from 'vitest';
import { buildObservations } from '../src/observations.js';

const NOW = 1_000_000;

function machine(id: string, state: Machine['state'] = 'started', extra: Partial<Machine> = {}): Machine {
  return { id, app: 'web', region: 'ams', state, createdAt: 1, health: 'healthy', ...extra };
}

function snap(instance: string, windowEnd: number, extra: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return {
    version: 1,
    app: 'web',
    instance,
    region: 'ams',
    windowStart: windowEnd - 1000,
    windowEnd,
    ready: true,
    cpu: { utilization: 0.5, limitCores: 1 },
    requests: { rate: 12, errorRatio: 0.1, count: 12 },
    custom: {},
    scrape: { up: true, ok: 1, failed: 0 },
    ...extra,
  };
}

describe('buildObservations', () => {
  it('joins fresh snapshots to machines by instance id, then by address', () => {
    const obs = buildObservations({
      app: 'web',
      machines: [machine('m1'), machine('m2', 'started', { address: '127.0.0.1:9002' })],
      snapshots: [snap('m1', NOW - 100), snap('other-name', NOW - 100, { address: '127.0.0.1:9002' })],
      now: NOW,
      staleAfter: 3000,
      edgeRps: 7,
    });
    expect(obs.edgeRps).toBe(7);
    expect(obs.machines.map((m) => [m.id, m.ready, m.metrics?.cpu, m.metrics?.rps])).toEqual([
      ['m1', true, 0.5, 12],
      ['m2', true, 0.5, 12],
    ]);
  });

  it('carries connections, network and disk rates when the snapshot has them, and nothing when an older collector sent none', () => {
    const obs = buildObservations({
      app: 'web',
      machines: [machine('m1'), machine('m2')],
      snapshots: [
        snap('m1', NOW - 100, {
          connections: { established: 7 },
          network: {
            receiveBytes: 10,
            transmitBytes: 20,
            receiveBytesPerSecond: 10,
            transmitBytesPerSecond: 20,
          },
          disk: { readBytes: 0, writeBytes: 4096, readBytesPerSecond: 0, writeBytesPerSecond: 4096 },
        }),
        snap('m2', NOW - 100),
      ],
      now: NOW,
      staleAfter: 3000,
    });
    const [m1, m2] = obs.machines;
    expect(m1?.metrics).toMatchObject({
      connections: 7,
      network: { receiveBytesPerSecond: 10, transmitBytesPerSecond: 20 },
      disk: { readBytesPerSecond: 0, writeBytesPerSecond: 4096 },
    });
    expect(m2?.metrics).not.toHaveProperty('connections');
    expect(m2?.metrics).not.toHaveProperty('network');
    expect(m2?.metrics).not.toHaveProperty('disk');
  });

  it('leaves metrics undefined and the machine not ready when its snapshot is stale or missing', () => {
    const obs = buildObservations({
      app: 'web',
      machines: [machine('stale'), machine('none')],
      snapshots: [snap('stale', NOW - 5000)],
      now: NOW,
      staleAfter: 3000,
    });
    expect(obs.machines.map((m) => [m.id, m.running, m.ready, m.metrics])).toEqual([
      ['stale', true, false, undefined],
      ['none', true, false, undefined],
    ]);
  });

  it('counts starting machines as running but not ready, and stopped ones as neither', () => {
    const obs = buildObservations({
      app: 'web',
      machines: [
        machine('a', 'starting'),
        machine('b', 'stopped'),
        machine('c', 'started', { health: 'unhealthy' }),
      ],
      snapshots: [snap('c', NOW)],
      now: NOW,
      staleAfter: 3000,
    });
    expect(obs.machines.map((m) => [m.id, m.running, m.ready])).toEqual([
      ['a', true, false],
      ['b', false, false],
      ['c', true, false],
    ]);
  });

  it('ignores snapshots of other apps', () => {
    const obs = buildObservations({
      app: 'web',
      machines: [machine('m1')],
      snapshots: [{ ...snap('m1', NOW), app: 'api' }],
      now: NOW,
      staleAfter: 3000,
    });
    expect(obs.machines[0]?.metrics).toBeUndefined();
  });
});
