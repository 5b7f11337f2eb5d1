import type { AppConfig, GovernorConfig } from '@governor/config';
import { createProvider, type Machine } from '@governor/providers';
import type { DaemonClient } from './daemon-client.js';

/** The machines an evaluation decides for, and where they came from. */
export interface EvalMachines {
  readonly machines: Machine[];
  /** `current` (--current N), `daemon` (a local provider's machines, from the running daemon) or `provider`. */
  readonly from: 'current' | 'daemon' | 'provider';
}

/** The region new machines of `app` go to. */
function primaryRegion(config: GovernorConfig, app: AppConfig): string {
  const p = config.providers[app.provider];
  if (p?.type === 'fly') return p.regions[0] ?? 'default';
  if (p?.type === 'local') return p.region;
  return 'default';
}

/** `n` started, healthy machines with ids `ids[i]` where given, else `current-<i>`. */
export function syntheticMachines(
  config: GovernorConfig,
  app: AppConfig,
  n: number,
  ids: readonly string[] = [],
): Machine[] {
  const region = primaryRegion(config, app);
  return Array.from({ length: n }, (_, i) => ({
    id: ids[i] ?? `current-${i}`,
    app: app.name,
    region,
    state: 'started',
    health: 'healthy',
    createdAt: 0,
  }));
}

/**
 * The app's live machines: a local provider's live only inside the daemon
 * that runs them (read through its API); a fly or kubernetes provider is
 * listed directly (read-only).
 */
export async function liveMachines(
  config: GovernorConfig,
  app: AppConfig,
  daemon: DaemonClient,
): Promise<EvalMachines> {
  const p = config.providers[app.provider];
  if (p === undefined || p.type === 'local')
    return { machines: await daemon.machines(app.name), from: 'daemon' };
  const provider = createProvider(p, { log: () => {} });
  return { machines: [...(await provider.list(app.name))], from: 'provider' };
}
