import { MemoryBus, MemoryRegistry } from '../src/index.js';
import { describeInstanceRegistryContract } from './contract/instance-registry-contract.js';
import {
  CONTRACT_RETAIN_MS,
  CONTRACT_T0,
  describeSnapshotBusContract,
} from './contract/snapshot-bus-contract.js';

describeSnapshotBusContract(
  'MemoryBus',
  async () => {
    let now = CONTRACT_T0;
    const bus = new MemoryBus({ now: () => now, retainMs: CONTRACT_RETAIN_MS });
    return {
      bus,
      advance: (ms) => {
        now += ms;
      },
      dispose: () => bus.close(),
    };
  },
  { shared: false },
);

describeInstanceRegistryContract('MemoryRegistry', async () => {
  let now = CONTRACT_T0;
  const registry = new MemoryRegistry({ now: () => now });
  return {
    registry,
    shortTtlMs: 1000,
    pass: async (ms) => {
      now += ms;
    },
    dispose: () => registry.close(),
  };
});
