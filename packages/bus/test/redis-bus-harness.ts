import { randomUUID } from 'node:crypto';
import { RedisBus, type RedisBusOptions } from '../src/index.js';
import { type BusHarness, CONTRACT_RETAIN_MS, CONTRACT_T0 } from './contract/snapshot-bus-contract.js';

/**
 * The SnapshotBus contract's harness for RedisBus: a bus and a peer on one fresh key prefix,
 * reaching Redis through `connection` (a URL, or a shared client), on a clock the contract moves.
 */
export async function redisBusHarness(
  connection: Pick<RedisBusOptions, 'url' | 'redis'>,
): Promise<BusHarness> {
  let now = CONTRACT_T0;
  const prefix = `test:${randomUUID()}:`;
  const options = { ...connection, prefix, now: () => now, retainMs: CONTRACT_RETAIN_MS };
  const bus = new RedisBus(options);
  const peer = new RedisBus(options);
  return {
    bus,
    peer,
    advance: (ms) => {
      now += ms;
    },
    dispose: async () => {
      await bus.close();
      await peer.close();
    },
  };
}
