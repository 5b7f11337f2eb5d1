/**
 * The cluster test policy: one active Fly app `web` (rps per machine), one shadow app `api`,
 * and `extraApps` more active apps like `web` (named `app-<n>`, min 1). One shard by default:
 * a single leader decides every app.
 */
export function clusterPolicy(o: {
  apiUrl: string;
  tickMs: number;
  leaseTtlMs: number;
  shards?: number;
  extraApps?: readonly string[];
}): string {
  const extra = (o.extraApps ?? []).map(activeApp).join('');
  return `version: 1
daemon:
  mode: cluster
  redisUrl: \${REDIS_URL}
  listen: 127.0.0.1:9470
  tickInterval: ${o.tickMs}ms
  leaseTtl: ${o.leaseTtlMs}ms
  shards: ${o.shards ?? 1}
  logLevel: info
collector:
  scrapeInterval: 1s
  scrapeTimeout: 500ms
  window: 1s
  staleAfter: 60s
providers:
  fly:
    type: fly
    org: test
    app: web
    token: \${FLY_API_TOKEN}
    regions: [ams]
    apiUrl: ${o.apiUrl}
apps:
${activeApp('web')}  - name: api
    provider: fly
    mode: shadow
    min: 1
    max: 10
    targets:
      - type: rps
        perMachine: 100
${extra}`;
}

/** An active Fly app scaled on rps (100 per machine, 1..10), with no stabilization and 10 machines/s either way. */
function activeApp(name: string): string {
  return `  - name: ${name}
    provider: fly
    min: 1
    max: 10
    targets:
      - type: rps
        perMachine: 100
    behavior:
      scaleUp:
        stabilizationWindow: 0s
        policies:
          - type: machines
            value: 10
            period: 1s
      scaleDown:
        stabilizationWindow: 0s
        policies:
          - type: machines
            value: 10
            period: 1s
`;
}
