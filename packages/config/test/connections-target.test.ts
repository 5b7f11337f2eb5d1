import { describe, expect, it } from 'vitest';
import { formatIssue, parseConfig } from '../src/index.js';

const providers = `providers:
  local:
    type: local
    command: node
    portRange: [8100, 8199]
`;

function parse(text: string) {
  const result = parseConfig(text, { env: {} });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.config;
}

describe('type: connections targets', () => {
  it('are accepted on the sidecar collectors next to other targets', () => {
    const config = parse(`version: 1
${providers}apps:
  - name: demo
    provider: local
    min: 1
    max: 4
    targets:
      - { type: connections, perMachine: 250 }
      - { type: cpu, utilization: 70% }
`);
    expect(config.apps[0]?.targets).toEqual([
      { type: 'connections', perMachine: 250 },
      { type: 'cpu', utilization: 0.7 },
    ]);
  });

  it('are accepted on a Prometheus source that names its connections gauge', () => {
    const config = parse(`version: 1
metricSources:
  fly:
    type: prometheus
    preset: fly
    url: https://api.fly.io/prometheus/acme
    metrics: { connections: fly_app_concurrency }
${providers}apps:
  - name: demo
    provider: local
    min: 1
    max: 4
    metrics: { source: fly }
    targets:
      - { type: connections, perMachine: 40.5 }
`);
    expect(config.apps[0]?.targets).toEqual([{ type: 'connections', perMachine: 40.5 }]);
    const source = config.metricSources?.fly;
    expect(source?.type === 'prometheus' ? source.metrics.connections : undefined).toBe(
      'fly_app_concurrency',
    );
  });

  it.each([
    ['a negative number', '-5', /above 0|> 0|greater than 0/],
    ['a string', 'lots', /number/],
  ])('reject perMachine as %s', (_, value, message) => {
    const result = parseConfig(
      `version: 1
${providers}apps:
  - name: demo
    provider: local
    min: 1
    max: 4
    targets:
      - { type: connections, perMachine: ${value} }
`,
      { env: {} },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toBe('apps[0].targets[0].perMachine');
    expect(result.issues[0]?.message).toMatch(message);
  });

  it('are rejected on a Redis source, which holds queues only', () => {
    const result = parseConfig(
      `version: 1
metricSources:
  jobs: { type: redis, url: "\${REDIS_URL}" }
${providers}apps:
  - name: workers
    provider: local
    min: 0
    max: 4
    metrics: { source: jobs }
    targets:
      - { type: connections, perMachine: 10 }
`,
      { env: { REDIS_URL: 'redis://127.0.0.1:6379' } },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['GOV_CONFIG_TARGET', 'apps[0].targets[0].type'],
    ]);
  });
});
