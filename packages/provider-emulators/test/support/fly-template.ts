/** A minimal machine config, like `fly launch` writes for a web app. */
export const WEB_CONFIG = {
  image: 'registry.fly.io/web:deployment-01',
  guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
  metadata: { fly_process_group: 'app' },
  services: [{ protocol: 'tcp', internal_port: 8080, ports: [{ port: 443, handlers: ['tls', 'http'] }] }],
  checks: { alive: { type: 'http', port: 8080, path: '/healthz', interval: '5s', timeout: '2s' } },
} as const;

/** Deep-copies the template into a mutable record. */
export function webConfig(): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(WEB_CONFIG);
  return copy;
}
