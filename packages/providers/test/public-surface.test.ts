import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as fly from '../src/fly/index.js';
import * as root from '../src/index.js';
import * as kubernetes from '../src/kubernetes/index.js';
import * as local from '../src/local/index.js';

/**
 * The package's public surface, entry by entry. Growing it is a decision:
 * add the name here and say in docs/providers.md who needs it.
 */
const SURFACE = {
  '.': {
    values: [
      'createProvider',
      'executeStep',
      'isRetryable',
      'PermanentProviderError',
      'reconcile',
      'RetryableProviderError',
    ],
    types: [
      'CreateMachineOptions',
      'Machine',
      'MachineHealth',
      'MachineState',
      'Provider',
      'ProviderDeps',
      'ProviderError',
      'ReconcileAction',
      'ReconcileInput',
      'ReconcileStep',
    ],
  },
  './fly': {
    values: ['FlyProvider', 'flyRateLimit', 'KeyedBuckets'],
    types: ['FlyLogger', 'FlyProviderOptions'],
  },
  './kubernetes': { values: ['KubernetesProvider'], types: ['KubernetesProviderOptions'] },
  './local': {
    values: ['EdgeProxy', 'LocalProvider'],
    types: ['EdgeBalancer', 'LocalProviderEvent', 'LocalProviderOptions'],
  },
} as const;

const MODULES: Record<keyof typeof SURFACE, object> = {
  '.': root,
  './fly': fly,
  './kubernetes': kubernetes,
  './local': local,
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, { 'governor-source': string }>;
};

/** Every name an index file exports, `type` or not (it lists named exports only). */
function declaredNames(entry: string): string[] {
  const source = readFileSync(new URL(`../${entry}`, import.meta.url), 'utf8');
  expect(source, `${entry} re-exports everything from a module`).not.toMatch(/export\s+(type\s+)?\*/);
  return [...source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)]
    .flatMap((m) => (m[1] ?? '').split(','))
    .map((n) => n.trim().replace(/^type\s+/, ''))
    .filter((n) => n.length > 0);
}

const sorted = (names: readonly string[]) => [...names].sort();

describe('@governor/providers public surface', () => {
  it('has exactly the entry points of the contract, fly, kubernetes and local', () => {
    expect(sorted(Object.keys(pkg.exports))).toEqual(sorted(Object.keys(SURFACE)));
  });

  for (const [entry, want] of Object.entries(SURFACE) as [keyof typeof SURFACE, (typeof SURFACE)['.']][]) {
    it(`'${entry}' exports exactly its listed values`, () => {
      expect(sorted(Object.keys(MODULES[entry]))).toEqual(sorted(want.values));
    });

    it(`'${entry}' declares exactly its listed values and types`, () => {
      const file = pkg.exports[entry]?.['governor-source'] ?? '';
      expect(sorted(declaredNames(file))).toEqual(sorted([...want.values, ...want.types]));
    });
  }
});
