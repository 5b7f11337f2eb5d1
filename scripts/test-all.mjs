// The test pipeline behind `bash scripts/test.sh`: tools, lint, the architecture
// check, typecheck, tests in every package, then one summary line of all vitest
// results.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaceDirs = ['packages', 'services', 'examples', 'bench']
  .flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((n) => join(root, d, n)) : []))
  .filter((d) => existsSync(join(d, 'package.json')));
const resultFile = (dir) => join(dir, 'test-results', 'vitest.json');

function step(title, cmd, args) {
  process.stdout.write(`\n=== ${title}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

for (const d of workspaceDirs) rmSync(join(d, 'test-results'), { recursive: true, force: true });

const nodeTs = ['--conditions=governor-source', '--import', 'tsx'];
// Lint and typecheck failures fail the run, but the tests still run so that
// one run reports everything that is wrong.
const toolsOk = step('system tools', 'node', [...nodeTs, 'scripts/ensure-tools.ts']);
const lintOk = step('lint', 'pnpm', ['exec', 'biome', 'check', '.']);
const architectureOk = step('architecture', 'node', [...nodeTs, 'scripts/check-architecture.ts']);
const typecheck = ['exec', 'turbo', 'run', 'typecheck', '--concurrency=2', '--output-logs=errors-only'];
const typesOk =
  step('typecheck', 'pnpm', typecheck) && step('turbo inputs', 'node', ['scripts/check-turbo-inputs.mjs']);
const testsOk =
  toolsOk && step('test', 'pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue']);
const ok = toolsOk && lintOk && architectureOk && typesOk;

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const d of workspaceDirs) {
  const f = resultFile(d);
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failures.push(`${d.slice(root.length)}: ${t.fullName}`);
    }
  }
}
if (failures.length) process.stdout.write(`\nFailed tests:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
if (!toolsOk) process.stdout.write('\nsystem tools could not be installed: tests were not run\n');
if (!lintOk) process.stdout.write('\nlint failed (pnpm exec biome check --write . fixes formatting)\n');
if (!architectureOk)
  process.stdout.write('\narchitecture check failed (layers in scripts/architecture.ts)\n');
if (!typesOk) process.stdout.write('\ntypecheck failed\n');
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(ok && testsOk && failed === 0 && passed > 0 ? 0 : 1);
