import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Instruction {
  readonly op: string;
  readonly args: string;
}
interface Stage {
  readonly name: string;
  readonly from: string;
  readonly body: Instruction[];
}

/** Splits a Dockerfile into instructions (comments dropped, `\` continuations joined) and stages. */
function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw) && pending === '') continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full) logical.push(full);
  }
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const l of logical) {
    const m = /^([A-Z]+)\s+(.*)$/.exec(l);
    if (!m) throw new Error(`not an instruction: ${l}`);
    const [, op = '', rest = ''] = m;
    if (op === 'FROM') {
      const f = /^(\S+)\s+AS\s+(\S+)$/i.exec(rest);
      if (!f) throw new Error(`FROM without a stage name: ${l}`);
      stages.push({ name: f[2] ?? '', from: f[1] ?? '', body: [] });
    } else if (stages.length === 0 && op === 'ARG') {
      const [k = '', v = ''] = rest.split('=');
      args.set(k, v);
    } else {
      stages.at(-1)?.body.push({ op, args: rest });
    }
  }
  return { args, stages };
}

const { args, stages } = parseDockerfile(readFileSync(`${ROOT}deploy/Dockerfile`, 'utf8'));
const stage = (name: string) => {
  const s = stages.find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
};
const RUNTIME = ['autoscaler', 'collector', 'demo-app', 'cli'];
const ENTRY: Record<string, string> = {
  autoscaler: 'dist/governor-autoscaler.mjs',
  collector: 'dist/governor-collector.mjs',
  'demo-app': 'demo-app.mjs',
  cli: 'dist/governor.mjs',
};

describe('deploy/Dockerfile', () => {
  it('is multi-stage: one build stage and a runtime target per service', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', ...RUNTIME]);
  });

  it('builds every stage on Node 22 LTS (slim Debian)', () => {
    const image = args.get('NODE_IMAGE') ?? '';
    expect(image).toMatch(/^node:22(\.\d+)*-bookworm-slim$/);
    for (const s of stages) expect(s.from, s.name).toBe('${NODE_IMAGE}');
  });

  it('bundles every service and lays each out with its production dependencies only', () => {
    const run = stage('build')
      .body.filter((i) => i.op === 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(run).toContain('npm install -g pnpm@10.34.9');
    expect(run).not.toMatch(/corepack/i);
    expect(run).toContain('pnpm install --frozen-lockfile');
    expect(run).toContain('node scripts/bundle.mjs');
    for (const svc of ['autoscaler', 'collector', 'cli'])
      expect(run).toContain(`pnpm --filter @governor/${svc} deploy --prod`);
  });

  it.each(RUNTIME)('%s: copies only its built output, runs as non-root under plain node', (name) => {
    const s = stage(name);
    const copies = s.body.filter((i) => i.op === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies)
      expect(c.args, 'copies from the build stage only').toMatch(/--from=build\s.*\/out\//);
    const users = s.body.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users).toEqual(['node']);
    const userAt = s.body.findIndex((i) => i.op === 'USER');
    const runAt = s.body.findIndex((i) => i.op === 'CMD' || i.op === 'ENTRYPOINT');
    expect(userAt).toBeLessThan(runAt);
    expect(
      s.body.filter((i) => i.op === 'RUN'),
      'nothing installed at runtime',
    ).toEqual([]);
    const env = s.body
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('NODE_ENV=production');
    const start = s.body.find((i) => i.op === (name === 'cli' ? 'ENTRYPOINT' : 'CMD'));
    expect(JSON.parse(start?.args ?? '[]')).toEqual(['node', ENTRY[name]]);
    expect(s.body.map((i) => i.args).join('\n')).not.toMatch(/tsx|governor-source|\.ts\b/);
  });

  it.each(RUNTIME.filter((n) => n !== 'cli'))('%s: has a HEALTHCHECK on its /healthz port', (name) => {
    const s = stage(name);
    const health = s.body.filter((i) => i.op === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    const port = s.body.find((i) => i.op === 'EXPOSE')?.args;
    expect(health[0]?.args).toContain(`http://127.0.0.1:${port}/healthz`);
    expect(health[0]?.args).toMatch(/--interval=\S+ --timeout=\S+/);
  });

  it('cli: a one-shot command, declares no health check', () => {
    expect(stage('cli').body.find((i) => i.op === 'HEALTHCHECK')?.args).toBe('NONE');
  });
});

describe('package.json engines', () => {
  it('every service runs on Node 20.10 and later (the image runs 22)', () => {
    for (const pkg of [
      'package.json',
      'services/autoscaler/package.json',
      'services/collector/package.json',
      'services/cli/package.json',
    ]) {
      const json = JSON.parse(readFileSync(`${ROOT}${pkg}`, 'utf8')) as { engines?: { node?: string } };
      expect(json.engines?.node, pkg).toBe('>=20.10');
    }
  });
});
