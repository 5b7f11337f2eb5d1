import type { AppConfig, GovernorConfig } from '@governor/config';
import { GovernorError } from '@governor/errors';

/**
 * The simulated regions and their share of the load: `given` when set, else
 * the app's region weights, else one region (the provider's first Fly region,
 * the local provider's region, or `sim`).
 */
export function regionSplit(
  config: GovernorConfig,
  app: AppConfig,
  given?: Readonly<Record<string, number>>,
): { regions: string[]; split: number[] } {
  const shares =
    given ??
    (Object.keys(app.regions).length > 0
      ? Object.fromEntries(Object.entries(app.regions).map(([r, b]) => [r, b.weight]))
      : undefined);
  if (shares && Object.keys(shares).length > 0) {
    const regions = Object.keys(shares).sort();
    const split = regions.map((r) => shares[r] ?? 0);
    if (split.some((s) => !(s >= 0)) || !(split.reduce((a, b) => a + b, 0) > 0)) {
      throw new GovernorError(
        'GOV_CLI_SIMULATE_INPUT',
        'region shares must be numbers >= 0 with a positive sum',
        {
          details: { split: shares },
        },
      );
    }
    return { regions, split };
  }
  const provider = config.providers[app.provider];
  const region =
    provider?.type === 'fly'
      ? (provider.regions[0] ?? 'sim')
      : provider?.type === 'local'
        ? provider.region
        : 'sim';
  return { regions: [region], split: [1] };
}
