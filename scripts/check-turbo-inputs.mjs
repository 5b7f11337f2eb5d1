// Checks that turbo's cache keys follow the sources: a change under services/
// must give new hashes to that service's typecheck and test and to those of
// every workspace that depends on it, and to nothing else; the shared configs
// are global dependencies. Run from the repo root: node scripts/check-turbo-inputs.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const probe = join(root, 'services/autoscaler/src/turbo-input-probe.ts');

function hashes() {
  const out = execFileSync('pnpm', ['exec', 'turbo', 'run', 'typecheck', 'test', '--dry=json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Map(JSON.parse(out).tasks.map((t) => [t.taskId, t.hash]));
}

const problems = [];
const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8'));
for (const shared of ['tsconfig.base.json', 'vitest.shared.ts', 'biome.json']) {
  if (!turbo.globalDependencies?.includes(shared)) problems.push(`${shared} is not a globalDependency`);
}

const before = hashes();
let after;
try {
  writeFileSync(probe, 'export const probe = 1;\n');
  after = hashes();
} finally {
  rmSync(probe, { force: true });
}
const changed = [...before.keys()].filter((id) => before.get(id) !== after.get(id));
for (const id of [
  '@governor/autoscaler#typecheck',
  '@governor/autoscaler#test',
  '@governor/cli#typecheck',
  '@governor/cli#test',
]) {
  if (!changed.includes(id))
    problems.push(`a change under services/autoscaler/src left ${id} with its cached hash`);
}
for (const id of ['@governor/metrics#test', '@governor/config#typecheck']) {
  if (changed.includes(id))
    problems.push(`a change under services/autoscaler/src invalidated ${id}, which does not depend on it`);
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `turbo inputs ok: a change under services/autoscaler/src invalidates ${changed.length} tasks\n`,
);
