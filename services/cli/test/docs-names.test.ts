import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Documentation an operator reads: README, docs/ (runbooks too), and the comments of examples/ configs. */
function docFiles(): string[] {
  const md = (dir: string) =>
    readdirSync(ROOT + dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => `${dir}/${f}`);
  const examples = readdirSync(`${ROOT}examples`)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `examples/${f}`);
  return ['README.md', ...md('docs'), ...md('docs/runbooks'), ...examples];
}

/** Every source and deploy file a name may be defined in (no tests, no build output). */
function sources(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(ROOT + dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', 'test', '.turbo'].includes(e.name)) continue;
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs|ya?ml|toml|json|example)$/.test(e.name) || e.name === 'Dockerfile')
        out.push(readFileSync(ROOT + p, 'utf8'));
    }
  };
  for (const dir of ['packages', 'services', 'examples/demo-app/src', 'scripts', 'bench', 'deploy'])
    walk(dir);
  out.push(readFileSync(`${ROOT}docker-compose.yml`, 'utf8'));
  return out.join('\n');
}

/** Variables and flags of other programs (Node, Docker, pnpm) that the docs name on purpose. */
const EXTERNAL_ENV = new Set([
  'NODE_OPTIONS', // Node.js
  'DOCKER_BUILDKIT', // Docker
  'UV_THREADPOOL_SIZE', // libuv (Node.js)
  'MALLOC_ARENA_MAX', // glibc
  'KUBE_TOKEN', // an example name an operator picks for a ${VAR} reference in the policy
]);
const EXTERNAL_FLAGS = new Set([
  '--build', // docker compose up
  '--env-file', // docker compose
  '--frozen-lockfile', // pnpm install
  '--prod', // pnpm deploy
  '--max-semi-space-size', // node (V8)
  '--max-old-space-size', // node (V8)
  '--trace-gc', // node (V8)
  '--cpu-prof', // node
  '--cpu-prof-dir', // node
  '--noEmit', // tsc
  '--bytecode-old-age', // V8
  '--v8-pool-size', // node
  '--jitless', // V8
  '--lite-mode', // V8
]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every environment variable and CLI flag the docs name exists in the code', () => {
  const code = sources();
  const texts = docFiles().map((f) => ({ f, text: readFileSync(ROOT + f, 'utf8') }));

  it('environment variables (ALL_CAPS names with an underscore)', () => {
    const missing: string[] = [];
    for (const { f, text } of texts) {
      for (const [name] of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) {
        // A config file's own `${NAME}` references name variables the operator sets for it.
        if (EXTERNAL_ENV.has(name) || new RegExp(`\\b${name}\\b`).test(code) || text.includes(`\${${name}}`))
          continue;
        missing.push(`${f}: ${name}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('command-line flags (--name), as commander and parseArgs declare them', () => {
    const missing: string[] = [];
    for (const { f, text } of texts) {
      for (const [flag] of text.matchAll(/(?<![\w-])--[a-z][a-zA-Z0-9-]*/g)) {
        if (EXTERNAL_FLAGS.has(flag)) continue;
        const name = flag.slice(2);
        const declared =
          new RegExp(`['"\`\\s,]${escapeRegExp(flag)}(?=[\\s'"\`,<\\[=])`).test(code) ||
          new RegExp(`['"]?${escapeRegExp(name)}['"]?: \\{ type:`).test(code);
        if (!declared) missing.push(`${f}: ${flag}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('catches the names that drifted before: a flag and variables the code never read', () => {
    expect(new RegExp(`['"\`\\s,]${escapeRegExp('--no-env')}(?=[\\s'"\`,<\\[=])`).test(code)).toBe(false);
    for (const name of ['GOVERNOR_APP', 'GOVERNOR_REGION', 'GOVERNOR_COLLECTOR_LISTEN'])
      expect(new RegExp(`\\b${name}\\b`).test(code), name).toBe(false);
  });
});
