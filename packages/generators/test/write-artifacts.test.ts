import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArtifacts } from '../src/artifacts.js';
import { diffArtifacts, writeArtifacts } from '../src/write-artifacts.js';
import { twoApps } from './fixtures/config-two-apps.js';

describe('writing generated artifacts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gov-gen-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const files = generateArtifacts(twoApps, { source: 'fixture' });

  it('writes every file with a generated header, then regenerating is a no-op', () => {
    const first = writeArtifacts(files, dir);
    expect(first.written).toEqual(files.map((f) => f.path));
    for (const f of files) expect(readFileSync(join(dir, f.path), 'utf8')).toContain('DO NOT EDIT');
    const second = writeArtifacts(files, dir);
    expect(second.written).toEqual([]);
    expect(second.unchanged.length).toBe(files.length);
    expect(diffArtifacts(files, dir)).toEqual({ changed: [], missing: [], stale: [] });
  });

  it('reports a hand edit of a generated file as changed and restores it', () => {
    writeArtifacts(files, dir);
    const path = join(dir, 'alerts/app-web.yml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}# local edit\n`);
    expect(diffArtifacts(files, dir).changed).toEqual(['alerts/app-web.yml']);
    expect(writeArtifacts(files, dir).written).toEqual(['alerts/app-web.yml']);
    expect(diffArtifacts(files, dir).changed).toEqual([]);
  });

  it('removes generated files of an app that left the policy, but never hand-written files', () => {
    writeArtifacts(files, dir);
    mkdirSync(join(dir, 'alerts'), { recursive: true });
    writeFileSync(join(dir, 'alerts/custom.yml'), 'groups: []\n');
    const onlyWeb = { ...twoApps, apps: twoApps.apps.slice(0, 1) };
    const result = writeArtifacts(generateArtifacts(onlyWeb, { source: 'fixture' }), dir);
    expect(result.removed).toEqual(['alerts/app-worker.yml', 'alerts/tests/app-worker.test.yml']);
    expect(existsSync(join(dir, 'alerts/app-worker.yml'))).toBe(false);
    expect(existsSync(join(dir, 'alerts/custom.yml'))).toBe(true);
  });

  it('reports missing files before the first run', () => {
    expect(diffArtifacts(files, dir).missing.length).toBe(files.length);
  });
});
