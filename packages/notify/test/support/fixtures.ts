import type { ReceiverConfig, SecretRef } from '@governor/config';
import { createSecretRef } from '@governor/config';
import type { NotifyAlert } from '../../src/types.js';

/** A secret reference resolved against a private environment (never process.env). */
export function secret(name: string, value: string | undefined): SecretRef {
  return createSecretRef(name, { [name]: value });
}

/** A manual clock. */
export function manualClock(start = Date.UTC(2026, 0, 1, 12)): {
  now: () => number;
  advance(ms: number): void;
} {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A sleep that returns at once and records what was asked. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

export const pinnedAtMax: NotifyAlert = {
  name: 'GovernorAppPinnedAtMax',
  app: 'web',
  severity: 'critical',
  summary: 'web: pinned at its maximum machine count',
  description: 'The metrics of web ask for 12 machines, more than its maximum of 10.',
  labels: { team: 'storefront' },
  runbookUrl: 'https://runbooks.example.com/governor/GovernorAppPinnedAtMax',
};

export const configInvalid: NotifyAlert = {
  name: 'GovernorConfigReloadFailed',
  severity: 'warning',
  summary: 'Autoscaler config reload failed',
  description: 'apps[0].max: must be >= min; the previous config is kept.',
};

export function webhook(name: string, url: string, token?: SecretRef): ReceiverConfig {
  return token ? { type: 'webhook', name, url, token } : { type: 'webhook', name, url };
}
