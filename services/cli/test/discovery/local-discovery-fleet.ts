import { fileURLToPath } from 'node:url';
import { Autoscaler, buildApi } from '@governor/autoscaler';
import { MemoryBus, MemoryRegistry } from '@governor/bus';
import { configFrom } from '@governor/config/testing';
import { DiscoveryClient, type InstanceList, leastLoaded } from '@governor/discovery';
import { EdgeProxy, LocalProvider } from '@governor/providers/local';
import { silentLogger } from '@governor/telemetry';
import { CollectorFleet } from '../../src/up/collector-fleet.js';
import { discoveryBalancer } from '../../src/up/discovery-balancer.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
/** Heartbeat TTL of the collectors, ms. */
export const HEARTBEAT_TTL_MS = 1500;
/** How long a scale-down lists a machine as draining before stopping it, ms. */
export const DRAIN_DELAY_MS = 1500;

/** Polls `check` every 50 ms until it returns something other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A group of demo-app instances: one local provider, a region, and the demo app's capacity settings. */
export interface GroupSpec {
  readonly name: string;
  readonly region: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Everything discovery needs in standalone mode, for real: demo-app child
 * processes on local providers (one per group), an in-process collector per
 * instance heartbeating into a memory registry, the autoscaler's API
 * serving discovery, a discovery client, and an edge proxy that picks
 * upstreams with it. App `web` scales on the first group's provider.
 */
export class LocalDiscoveryFleet {
  readonly providers = new Map<string, LocalProvider>();
  private readonly regionOf = new Map<string, string>();
  client!: DiscoveryClient;
  proxy!: EdgeProxy;
  api!: Awaited<ReturnType<typeof buildApi>>;
  apiPort = 0;
  readonly autoscaler: Autoscaler;
  private readonly bus = new MemoryBus();
  readonly registry = new MemoryRegistry();
  private readonly collectors: CollectorFleet;

  private constructor(groups: readonly GroupSpec[], portBase: number) {
    const yaml = {
      version: 1,
      daemon: { listen: '127.0.0.1:0', tickInterval: '1h' },
      collector: {
        // A scrape that times out marks the instance not ready: leave room for a loaded machine.
        scrapeInterval: '500ms',
        scrapeTimeout: '450ms',
        window: '1s',
        jitter: 0,
        heartbeatTtl: `${HEARTBEAT_TTL_MS}ms`,
      },
      providers: Object.fromEntries(
        groups.map((g, n) => [
          g.name,
          {
            type: 'local',
            command: process.execPath,
            args: ['--import', 'tsx', 'examples/demo-app/src/main.ts'],
            portRange: [portBase + n * 10, portBase + n * 10 + 9],
            region: g.region,
            stopGracePeriod: '2s',
            ...(g.env ? { env: g.env } : {}),
          },
        ]),
      ),
      apps: [
        {
          name: 'web',
          provider: groups[0]?.name,
          mode: 'shadow',
          min: 0,
          max: 10,
          targets: [{ type: 'rps', perMachine: 28 }],
          metrics: {
            latencyHistogram: 'http_request_duration_seconds',
            statusLabel: 'status_code',
            inFlight: 'demo_requests_in_flight',
          },
        },
      ],
      discovery: { drainDelay: `${DRAIN_DELAY_MS}ms`, watchInterval: '100ms', regionOrder: { ams: ['fra'] } },
    };
    const config = configFrom(yaml);
    const policy = config.apps[0];
    if (!policy) throw new Error('no app');
    for (const g of groups) {
      this.regionOf.set(g.name, g.region);
      const p = config.providers[g.name];
      if (p?.type !== 'local') throw new Error('not local');
      this.providers.set(
        g.name,
        new LocalProvider({ ...p, cwd: REPO, healthPath: p.healthPath, stopGracePeriod: p.stopGracePeriod }),
      );
    }
    this.autoscaler = new Autoscaler({
      config,
      configHash: 'test',
      providers: Object.fromEntries(this.providers),
      bus: this.bus,
      registry: this.registry,
    });
    this.collectors = new CollectorFleet({
      apps: () =>
        [...this.providers.values()].map((provider) => ({ policy, provider, metricsPath: '/metrics' })),
      bus: this.bus,
      registry: this.registry,
      settings: () => config.collector,
      logger: silentLogger(),
      syncInterval: 100,
    });
  }

  /** Starts providers (no instance yet), collectors, the API, the client (region `ams`) and the proxy. */
  static async start(groups: readonly GroupSpec[]): Promise<LocalDiscoveryFleet> {
    const f = new LocalDiscoveryFleet(groups, 21_000 + Math.floor(Math.random() * 800) * 10);
    f.collectors.start();
    await f.startApi(0);
    f.client = new DiscoveryClient({
      url: `http://127.0.0.1:${f.apiPort}`,
      app: 'web',
      region: 'ams',
      backoff: { initialMs: 50, maxMs: 400 },
      strategy: leastLoaded({ reportedWeight: 0 }),
    }).start();
    // As in `governor up`: the provider's healthy instances are the fallback when discovery offers none.
    f.proxy = new EdgeProxy({
      upstreams: () => [...f.providers.values()].flatMap((p) => p.healthyAddresses('web')),
      balancer: discoveryBalancer(() => f.client),
    });
    await f.proxy.listen();
    return f;
  }

  /** Serves the API on `port` (0: a free one), e.g. again after {@link stopApi}. */
  async startApi(port: number): Promise<void> {
    this.api = await buildApi({ autoscaler: this.autoscaler });
    await this.api.listen({ host: '127.0.0.1', port });
    const addr = this.api.server.address();
    this.apiPort = typeof addr === 'object' && addr ? addr.port : port;
  }

  async stopApi(): Promise<void> {
    await this.api.close();
  }

  /** Creates and boots one instance in a group; resolves with its id once the provider sees it healthy. */
  async launch(group: string): Promise<string> {
    const p = this.providers.get(group);
    if (!p) throw new Error(`no group ${group}`);
    const m = await p.create('web', { region: this.regionOf.get(group) ?? 'local' });
    await waitFor(`${m.id} healthy`, async () =>
      (await p.list('web')).some((x) => x.id === m.id && x.state === 'started' && x.health === 'healthy'),
    );
    return m.id;
  }

  /** The list the API serves now. */
  async served(query = ''): Promise<InstanceList> {
    const res = await fetch(`http://127.0.0.1:${this.apiPort}/v1/apps/web/instances${query}`);
    if (res.status !== 200) throw new Error(`list answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as InstanceList;
  }

  /** Waits until the client's list holds exactly `ids` as ready instances. */
  async clientSeesReady(ids: readonly string[], timeoutMs = 30_000): Promise<void> {
    const want = [...ids].sort().join(',');
    await waitFor(
      `the client to list ${want} as ready`,
      () => {
        const got = this.client
          .instances()
          .filter((i) => i.ready)
          .map((i) => i.id)
          .sort()
          .join(',');
        return got === want;
      },
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await this.client?.close();
    await this.proxy?.close();
    await this.api?.close().catch(() => undefined);
    await this.autoscaler.stop();
    await this.collectors.stop();
    await Promise.all([...this.providers.values()].map((p) => p.close()));
    await this.registry.close();
    await this.bus.close();
  }
}
