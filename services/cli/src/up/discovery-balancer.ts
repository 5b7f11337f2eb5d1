import type { DiscoveryClient } from '@governor/discovery';
import type { EdgeBalancer } from '@governor/providers/local';

/**
 * An edge-proxy balancer over a discovery client (its strategy: least loaded
 * by default). `client()` may return undefined until the client exists;
 * then, and whenever the client has no pickable instance, the proxy falls
 * back to its own upstream list.
 */
export function discoveryBalancer(client: () => DiscoveryClient | undefined): EdgeBalancer {
  return {
    acquire(tried) {
      const lease = client()?.acquire({ exclude: (i) => i.address !== undefined && tried.has(i.address) });
      if (!lease?.instance.address) return undefined;
      return { address: lease.instance.address, release: (ms) => lease.release(ms) };
    },
  };
}
