import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../src/validate.js';
import { makeSnapshot } from './make-snapshot.js';

/** Snapshot JSON as a collector without network, disk and connections wrote it. */
const older = JSON.stringify({
  version: 1,
  app: 'web',
  instance: 'i-1',
  region: 'ams',
  windowStart: 1000,
  windowEnd: 16_000,
  ready: true,
  cpu: { utilization: 0.4, limitCores: 1 },
  memory: { utilization: 0.5, workingSetBytes: 512, limitBytes: 1024 },
  custom: {},
  scrape: { up: true, ok: 3, failed: 0 },
});

describe('snapshot version 1 with and without network, disk and connections', () => {
  it('decodes a snapshot of an older collector, which has none of them', () => {
    const s = decodeSnapshot(older, 'latest:web');
    expect(s.cpu?.utilization).toBe(0.4);
    expect(s.network).toBeUndefined();
    expect(s.disk).toBeUndefined();
    expect(s.connections).toBeUndefined();
  });

  it('round-trips a snapshot that has them', () => {
    const s = makeSnapshot('web', 'i-1', 16_000, {
      network: {
        receiveBytes: 3000,
        transmitBytes: 1500,
        receiveBytesPerSecond: 200,
        transmitBytesPerSecond: 100,
      },
      disk: { readBytes: 0, writeBytes: 4096, readBytesPerSecond: 0, writeBytesPerSecond: 273.07 },
      connections: { established: 12 },
    });
    expect(decodeSnapshot(JSON.stringify(s), 'latest:web')).toEqual(s);
  });
});
