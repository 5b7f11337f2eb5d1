import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { parseConfig } from '../src/index.js';

/**
 * Exhaustive over the examples: adding a key the schema does not know to
 * any mapping (except maps whose keys are names of the user's choosing) is
 * reported as GOV_CONFIG_UNKNOWN_KEY at that path and line, and is the only
 * issue.
 */
const env = {
  REDIS_URL: 'redis://127.0.0.1:6390',
  FLY_API_TOKEN: 'x',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.test/x',
  PAGERDUTY_ROUTING_KEY: 'x',
};

/** Maps whose keys are names (providers, regions, labels, env), not schema keys. */
const NAME_MAPS = [/^providers$/, /^apps\[\d+\]\.regions$/, /^apps\[\d+\]\.alerts\.labels$/, /\.env$/];

function mappingPaths(text: string): string[] {
  const paths: string[] = [];
  visit(parseDocument(text), {
    Map(_key, node, ancestors) {
      const path = [...ancestors, node];
      let formatted = '';
      for (const [i, ancestor] of path.entries()) {
        const next = path[i + 1];
        if (isMap(ancestor) && next !== undefined && 'key' in next && isScalar(next.key)) {
          formatted += `${formatted === '' ? '' : '.'}${String(next.key.value)}`;
        } else if ('items' in ancestor && next !== undefined && !isMap(ancestor)) {
          formatted += `[${(ancestor.items as unknown[]).indexOf(next)}]`;
        }
      }
      paths.push(formatted);
    },
  });
  return paths;
}

function withExtraKey(text: string, mappingIndex: number): string {
  const doc = parseDocument(text);
  let seen = 0;
  visit(doc, {
    Map(_key, node) {
      if (seen++ === mappingIndex) node.set('zzzUnknownKey', 1);
    },
  });
  return doc.toString();
}

describe.each(['governor.yaml', 'fly.yaml'])('examples/%s', (name) => {
  const text = readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
  const paths = mappingPaths(text);

  it('has mappings to check', () => {
    // governor.yaml writes down only its SLO: root, daemon, collector, providers(.local), the app,
    // its target, metrics, alerts and alerting.
    expect(paths.length).toBeGreaterThanOrEqual(10);
  });

  it('reports an unknown key added to any mapping, at its path and line', () => {
    let checked = 0;
    paths.forEach((path, index) => {
      if (NAME_MAPS.some((pattern) => pattern.test(path))) return;
      const mutated = withExtraKey(text, index);
      const line = mutated.split('\n').findIndex((l) => l.includes('zzzUnknownKey')) + 1;
      const result = parseConfig(mutated, { env });
      const issues = result.ok
        ? []
        : result.issues.map((i) => ({ code: i.code, path: i.path, line: i.line }));
      const keyPath = path === '' ? 'zzzUnknownKey' : `${path}.zzzUnknownKey`;
      expect(issues, `mapping ${path === '' ? '(root)' : path}`).toEqual([
        { code: 'GOV_CONFIG_UNKNOWN_KEY', path: keyPath, line },
      ]);
      checked++;
    });
    // Every mapping but the name-keyed ones was mutated and reported.
    expect(checked).toBe(paths.filter((p) => !NAME_MAPS.some((pattern) => pattern.test(p))).length);
    expect(checked).toBeGreaterThan(5);
  });
});
