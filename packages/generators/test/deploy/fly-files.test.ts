import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '@governor/config';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FLY = `${ROOT}deploy/fly/`;

/**
 * The fly.toml fields Fly documents (App configuration reference: top level,
 * [build], [deploy], [env], [http_service] with its concurrency and checks,
 * [[services]], [checks], [metrics], [[vm]], [[files]], [[mounts]],
 * [processes], [[statics]]). A key outside these is a typo Fly would ignore
 * or reject.
 */
const FLY_TOML: Record<string, readonly string[]> = {
  '': [
    'app',
    'primary_region',
    'kill_signal',
    'kill_timeout',
    'swap_size_mb',
    'console_command',
    'build',
    'deploy',
    'env',
    'http_service',
    'services',
    'checks',
    'metrics',
    'vm',
    'files',
    'mounts',
    'processes',
    'statics',
    'experimental',
    'restart',
  ],
  build: ['builder', 'buildpacks', 'args', 'build-target', 'image', 'dockerfile', 'ignorefile', 'buildpacks'],
  deploy: ['release_command', 'release_command_timeout', 'strategy', 'max_unavailable', 'wait_timeout'],
  http_service: [
    'internal_port',
    'force_https',
    'auto_stop_machines',
    'auto_start_machines',
    'min_machines_running',
    'processes',
    'concurrency',
    'checks',
    'http_options',
    'tls_options',
  ],
  'http_service.checks': [
    'grace_period',
    'interval',
    'method',
    'timeout',
    'path',
    'protocol',
    'tls_skip_verify',
    'tls_server_name',
    'headers',
  ],
  check: [
    'type',
    'port',
    'path',
    'method',
    'interval',
    'timeout',
    'grace_period',
    'protocol',
    'tls_skip_verify',
    'tls_server_name',
    'headers',
    'processes',
  ],
  metrics: ['port', 'path', 'processes', 'https'],
  vm: [
    'size',
    'memory',
    'cpus',
    'cpu_kind',
    'gpus',
    'gpu_kind',
    'kernel_args',
    'host_dedication_id',
    'processes',
    'memory_mb',
  ],
  files: ['guest_path', 'local_path', 'secret_name', 'raw_value', 'processes'],
};
const AUTO_STOP = ['off', 'stop', 'suspend'];

/** The Machines API MachineConfig and ContainerConfig fields (Machines resource reference, multi-container Machines). */
const MACHINE_CONFIG = [
  'image',
  'guest',
  'env',
  'services',
  'checks',
  'mounts',
  'init',
  'restart',
  'schedule',
  'auto_destroy',
  'metadata',
  'metrics',
  'files',
  'processes',
  'containers',
  'dns',
  'stop_config',
  'statics',
  'volumes',
];
const CONTAINER_CONFIG = [
  'name',
  'image',
  'cmd',
  'entrypoint',
  'env',
  'env_from',
  'exec',
  'files',
  'secrets',
  'depends_on',
  'healthchecks',
  'restart',
  'stop',
  'user',
  'mounts',
];
const HEALTHCHECK = [
  'name',
  'http',
  'tcp',
  'exec',
  'interval',
  'timeout',
  'grace_period',
  'failure_threshold',
  'success_threshold',
  'kind',
];

// biome-ignore lint/suspicious/noExplicitAny: TOML and JSON documents checked field by field
type Doc = any;

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): string[] {
  return Object.keys(obj)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${where}.${k}`);
}

/** Every key of a fly.toml that Fly does not document, as `section.key`. */
function lintFlyToml(doc: Doc): string[] {
  const bad = unknownKeys(doc, FLY_TOML[''] ?? [], '');
  if (doc.build) bad.push(...unknownKeys(doc.build, FLY_TOML.build ?? [], 'build'));
  if (doc.deploy) bad.push(...unknownKeys(doc.deploy, FLY_TOML.deploy ?? [], 'deploy'));
  if (doc.http_service) {
    bad.push(...unknownKeys(doc.http_service, FLY_TOML.http_service ?? [], 'http_service'));
    for (const c of doc.http_service.checks ?? [])
      bad.push(...unknownKeys(c, FLY_TOML['http_service.checks'] ?? [], 'http_service.checks'));
    const stop = doc.http_service.auto_stop_machines;
    if (stop !== undefined && typeof stop !== 'boolean' && !AUTO_STOP.includes(stop))
      bad.push(`http_service.auto_stop_machines=${stop}`);
  }
  for (const [name, c] of Object.entries(doc.checks ?? {}))
    bad.push(...unknownKeys(c as Doc, FLY_TOML.check ?? [], `checks.${name}`));
  if (doc.metrics)
    for (const m of [doc.metrics].flat()) bad.push(...unknownKeys(m, FLY_TOML.metrics ?? [], 'metrics'));
  for (const v of doc.vm ?? []) bad.push(...unknownKeys(v, FLY_TOML.vm ?? [], 'vm'));
  for (const f of doc.files ?? []) bad.push(...unknownKeys(f, FLY_TOML.files ?? [], 'files'));
  return bad;
}

const toml = (rel: string): Doc => parseToml(readFileSync(FLY + rel, 'utf8'));
const FILES = ['autoscaler/fly.toml', 'autoscaler/fly.cluster.toml', 'app-with-collector/fly.toml'];
const stages = [...readFileSync(`${ROOT}deploy/Dockerfile`, 'utf8').matchAll(/^FROM \S+ AS (\S+)$/gm)].map(
  (m) => m[1],
);

describe.each(FILES)('deploy/fly/%s', (file) => {
  const doc = toml(file);

  it('uses only fields Fly documents, with an app, a primary region and a VM size', () => {
    expect(lintFlyToml(doc)).toEqual([]);
    expect(doc.app).toMatch(/^[a-z0-9-]+$/);
    expect(doc.primary_region).toMatch(/^[a-z]{3}$/);
    expect(doc.vm?.[0]?.size).toMatch(/^(shared|performance)-cpu-\d+x$/);
    expect(doc.kill_signal).toBe('SIGTERM');
  });

  it('builds from files that exist (paths relative to the repository root, the build context)', () => {
    expect(existsSync(ROOT + doc.build.dockerfile), doc.build.dockerfile).toBe(true);
    if (doc.build['build-target']) expect(stages).toContain(doc.build['build-target']);
    for (const f of doc.files ?? []) expect(existsSync(ROOT + f.local_path), f.local_path).toBe(true);
  });

  it('has health checks and a [metrics] section for the port that serves /metrics, and no secrets in [env]', () => {
    const checks = Object.values(doc.checks ?? {}) as Doc[];
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) {
      expect(c.type).toBe('http');
      expect(c.path).toMatch(/^\/(healthz|readyz)$/);
      for (const d of [c.interval, c.timeout, c.grace_period]) expect(d).toMatch(/^\d+(s|m)$/);
    }
    expect(doc.metrics).toEqual({ port: checks[0].port, path: '/metrics' });
    for (const k of Object.keys(doc.env ?? {})) expect(k).not.toMatch(/TOKEN|REDIS_URL|PASSWORD|SECRET|KEY/);
  });
});

describe('deploy/fly autoscaler policies', () => {
  it.each([
    ['autoscaler/fly.toml', 'standalone'],
    ['autoscaler/fly.cluster.toml', 'cluster'],
  ])('%s installs a valid %s policy whose listen port is the checked one', (file, mode) => {
    const doc = toml(file);
    const policy = doc.files[0];
    expect(policy.guest_path).toBe(doc.env.GOVERNOR_CONFIG);
    const loaded = loadConfigFile(ROOT + policy.local_path, { checkEnv: false });
    expect(loaded.ok, JSON.stringify(loaded.ok ? [] : loaded.issues)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.config.daemon.mode).toBe(mode);
    expect(loaded.config.daemon.listen).toBe(`0.0.0.0:${doc.metrics.port}`);
    expect(doc.build['build-target']).toBe('autoscaler');
  });

  it('the app with the collector leaves machine starts and stops to Governor', () => {
    const doc = toml('app-with-collector/fly.toml');
    expect(doc.http_service.auto_stop_machines).toBe('off');
    expect(doc.http_service.auto_start_machines).toBe(false);
    expect(doc.metrics.port).toBe(9471);
    expect(doc.env.GOVERNOR_TARGETS).toBe(`http://127.0.0.1:${doc.http_service.internal_port}/metrics`);
  });
});

describe('deploy/fly/multi-container/machine-config.json (Machines API)', () => {
  const body = JSON.parse(readFileSync(`${FLY}multi-container/machine-config.json`, 'utf8')) as Doc;
  const config = body.config;

  it('uses only MachineConfig, ContainerConfig and healthcheck fields Fly documents', () => {
    const bad = unknownKeys(config, MACHINE_CONFIG, 'config');
    for (const c of config.containers) {
      bad.push(...unknownKeys(c, CONTAINER_CONFIG, `containers.${c.name}`));
      for (const h of c.healthchecks ?? [])
        bad.push(...unknownKeys(h, HEALTHCHECK, `containers.${c.name}.healthchecks`));
    }
    expect(bad).toEqual([]);
  });

  it('runs the app and the collector as two containers; the collector starts once the app is healthy', () => {
    const [app, collector] = config.containers;
    expect(config.containers.map((c: Doc) => c.name)).toEqual(['app', 'governor-collector']);
    expect(collector.depends_on).toEqual([{ name: 'app', condition: 'healthy' }]);
    expect(collector.cmd.slice(0, 2)).toEqual(['node', 'dist/governor-collector.mjs']);
    expect(collector.env.GOVERNOR_TARGETS).toBe(`http://127.0.0.1:${app.env.PORT}/metrics`);
    expect(config.metrics).toEqual({ port: 9471, path: '/metrics' });
    expect(JSON.stringify(config)).not.toMatch(/redis:\/\//);
  });
});

describe('deploy/fly/app-with-collector/supervise.mjs (real processes)', () => {
  const SUPERVISE = `${FLY}app-with-collector/supervise.mjs`;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const pids = (text: () => string) =>
    [...text().matchAll(/pid (\w+) (\d+)/g)].map((m) => ({ who: m[1], pid: Number(m[2]) }));

  it('runs both, restarts the collector when it dies, and stops both on SIGTERM with exit 0', async () => {
    const program = (who: string) => `console.log('pid ${who}', process.pid); setInterval(() => {}, 1000);`;
    const child = spawn(
      process.execPath,
      [SUPERVISE, process.execPath, '-e', program('app'), '--', process.execPath, '-e', program('collector')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    const started = () => pids(() => out);
    await expect.poll(() => started().length, { timeout: 15_000 }).toBe(2);
    const first = started().find((p) => p.who === 'collector')?.pid ?? -1;
    process.kill(first, 'SIGKILL');
    await expect
      .poll(() => started().filter((p) => p.who === 'collector').length, { timeout: 15_000 })
      .toBe(2);
    const all = started().map((p) => p.pid);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    for (const pid of all) expect(alive(pid), `pid ${pid}`).toBe(false);
  }, 40_000);

  it('exits with the app when the app exits, stopping the collector', async () => {
    const child = spawn(
      process.execPath,
      [
        SUPERVISE,
        process.execPath,
        '-e',
        'setTimeout(() => process.exit(3), 500)',
        '--',
        process.execPath,
        '-e',
        'setInterval(() => {}, 1000)',
      ],
      {
        stdio: 'ignore',
      },
    );
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(3);
  }, 20_000);
});
