import type { Instance } from './instance.js';
import type { Strategy } from './strategy.js';

/** Round robin over the candidates (in id order), one counter per strategy instance. */
export function roundRobin(): Strategy {
  let next = 0;
  return {
    name: 'round-robin',
    pick(candidates: readonly Instance[]): Instance {
      const i = next++ % candidates.length;
      if (next >= Number.MAX_SAFE_INTEGER) next = 0;
      return candidates[i] as Instance;
    },
  };
}
