// The architecture test: fails when a package imports (or depends on) a
// service, a service imports another service (the cli, the composition root,
// excepted), a package imports a higher layer, or a file reaches into another
// workspace's src/. The layers are in scripts/architecture.ts.
// First it feeds the checker one bad case of each rule and expects each to be
// caught, so that it cannot pass by checking nothing.
// Run from the repo root: node --conditions=governor-source --import tsx scripts/check-architecture.ts
import { join } from 'node:path';
import { checkArchitecture, type Import, importsIn, readTree, type Workspace } from './architecture.js';

const root = new URL('..', import.meta.url).pathname;
const ws = (kind: Workspace['kind'], name: string, deps: string[] = []): Workspace => ({
  kind,
  name,
  dir: join('/repo', `${kind}s`, name),
  deps,
});
const imp = (file: string, specifier: string): Import => ({ file, absFile: join('/repo', file), specifier });
const synthetic = [
  ws('package', 'errors'),
  ws('package', 'config'),
  ws('package', 'scaler'),
  ws('package', 'simulator'),
  ws('service', 'autoscaler'),
  ws('service', 'collector'),
  ws('service', 'cli'),
];

const negatives: { rule: string; workspaces: Workspace[]; imports: Import[] }[] = [
  {
    rule: 'a package imports a service',
    workspaces: synthetic,
    imports: [imp('packages/scaler/src/a.ts', '@governor/autoscaler')],
  },
  {
    rule: 'a package depends on a service',
    workspaces: [...synthetic.filter((w) => w.name !== 'config'), ws('package', 'config', ['collector'])],
    imports: [],
  },
  {
    rule: 'a service imports another service',
    workspaces: synthetic,
    imports: [imp('services/collector/src/a.ts', '@governor/autoscaler')],
  },
  {
    rule: 'a package imports a higher layer',
    workspaces: synthetic,
    imports: [imp('packages/config/test/a.test.ts', '@governor/simulator')],
  },
  {
    rule: 'an import of another package by its src/',
    workspaces: synthetic,
    imports: [imp('services/cli/src/a.ts', '@governor/scaler/src/decide.js')],
  },
  {
    rule: "a relative path into another package's src/",
    workspaces: synthetic,
    imports: [imp('packages/simulator/src/a.ts', '../../scaler/src/decide.js')],
  },
  {
    rule: 'a package missing from the layers',
    workspaces: [...synthetic, ws('package', 'unlisted')],
    imports: [],
  },
];

const failures: string[] = [];
for (const n of negatives) {
  if (checkArchitecture(n.workspaces, n.imports).length === 0) failures.push(`the checker misses: ${n.rule}`);
}
const allowed = checkArchitecture(synthetic, [
  imp('services/cli/src/a.ts', '@governor/autoscaler'),
  imp('packages/simulator/src/a.ts', '@governor/scaler'),
  imp('packages/scaler/test/a.test.ts', '../src/decide.js'),
]);
for (const p of allowed) failures.push(`the checker rejects an allowed import: ${p}`);
if (importsIn("import { a } from './a.js';\nexport { b } from '@x/b';\nawait import('c');\n").length !== 3) {
  failures.push('the import scanner misses imports');
}

const tree = readTree(root);
if (tree.imports.length < 100) failures.push(`only ${tree.imports.length} imports found: the scan is broken`);
failures.push(...checkArchitecture(tree.workspaces, tree.imports));

if (failures.length > 0) {
  process.stderr.write(
    `architecture: ${failures.length} problem(s)\n${failures.map((f) => `  - ${f}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `architecture: ${tree.workspaces.length} workspaces, ${tree.imports.length} imports, ` +
    `${negatives.length} bad cases caught: ok\n`,
);
