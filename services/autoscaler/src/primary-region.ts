import type { ProviderConfig } from '@governor/config';

/** The region new machines go to when a policy has no `regions`. */
export function primaryRegionOf(provider: ProviderConfig): string {
  switch (provider.type) {
    case 'local':
      return provider.region;
    case 'fly':
      return provider.regions[0] ?? 'default';
    case 'kubernetes':
      return provider.namespace;
  }
}
