import { PermanentProviderError, RetryableProviderError } from '../errors.js';
import type { FlyLogger } from './fly-client-options.js';
import type { FlyMachinesClient } from './fly-machines-client.js';

/** How {@link withMachineLease} leases. */
export interface FlyLeaseOptions {
  /** Lease TTL in seconds. Default 30. */
  readonly leaseTtlSec?: number;
  /** How long to wait for a lease held by someone else (ms). Default 5000. */
  readonly leaseWaitMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: FlyLogger;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((r) => {
    setTimeout(r, ms).unref();
  });

/**
 * Runs `fn` holding a lease on the machine: acquire (`POST .../lease`), pass
 * the nonce to `fn` (to send as `fly-machine-lease-nonce`), release. A lease
 * held by someone else (409) is waited for with backoff up to `leaseWaitMs`,
 * then reported as a retryable GOV_PROVIDER_CONFLICT without calling `fn`.
 * A failed release is logged; the lease then expires on its own.
 */
export async function withMachineLease<T>(
  client: FlyMachinesClient,
  app: string,
  id: string,
  o: FlyLeaseOptions,
  fn: (nonce: string) => Promise<T>,
): Promise<T> {
  const path = `/apps/${encodeURIComponent(app)}/machines/${encodeURIComponent(id)}/lease`;
  const nonce = await acquire(client, path, app, id, o);
  try {
    return await fn(nonce);
  } finally {
    await client
      .call({ method: 'DELETE', path, action: 'release', target: id, nonce, accept: [404, 409] })
      .catch((err: unknown) => {
        o.log?.('warn', 'fly lease release failed; it expires on its own', {
          app,
          id,
          error: err instanceof Error ? err.message : String(err),
        });
      });
  }
}

async function acquire(
  client: FlyMachinesClient,
  path: string,
  app: string,
  id: string,
  o: FlyLeaseOptions,
): Promise<string> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const deadline = now() + (o.leaseWaitMs ?? 5_000);
  let waitMs = 250;
  for (;;) {
    const res = await client.call<{ data?: { nonce?: string }; error?: string }>({
      method: 'POST',
      path,
      action: 'lease',
      target: id,
      body: { ttl: o.leaseTtlSec ?? 30, description: 'governor autoscaler' },
      accept: [409],
    });
    const nonce = res.body?.data?.nonce;
    if (res.status !== 409) {
      if (nonce) return nonce;
      throw new PermanentProviderError(
        'GOV_PROVIDER_UNKNOWN',
        `fly lease on machine ${id} returned no nonce`,
        {
          details: { app, id },
        },
      );
    }
    if (now() + waitMs > deadline) {
      throw new RetryableProviderError(
        'GOV_PROVIDER_CONFLICT',
        `machine ${id} is leased by someone else (${res.body?.error ?? 'lease held'}); not acting on it`,
        { details: { app, id } },
      );
    }
    o.log?.('debug', 'fly machine leased by someone else; waiting', { app, id, waitMs });
    await sleep(waitMs);
    waitMs = Math.min(waitMs * 2, 2_000);
  }
}
