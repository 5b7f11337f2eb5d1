import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = 'packages/config/test/fixtures/invalid';

const flyEnv = {
  REDIS_URL: 'redis://:redis-secret-4411@127.0.0.1:6390',
  FLY_API_TOKEN: 'fly-secret-9921',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.test/slack-secret-77',
  PAGERDUTY_ROUTING_KEY: 'pd-secret-31',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `governor validate ...args` as a real child process with only `env` (plus PATH) set. */
function validate(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=governor-source', '--import', 'tsx', 'services/cli/src/main.ts', 'validate', ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('governor validate', () => {
  it('accepts both examples when the variables fly.yaml needs are set', async () => {
    const run = await validate(['examples/governor.yaml', 'examples/fly.yaml'], flyEnv);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('examples/governor.yaml: ok\n');
    expect(run.stdout).toContain('examples/fly.yaml: ok\n');
    expect(run.stdout).toContain('env FLY_API_TOKEN: required, set (providers.fly.token)');
    expect(run.stdout).toContain('env GOVERNOR_API_TOKEN: optional, unset (daemon.apiToken)');
    for (const secret of Object.values(flyEnv)) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('accepts the local demo example with no environment at all', async () => {
    const run = await validate(['examples/governor.yaml']);
    expect(run).toEqual({ code: 0, stdout: 'examples/governor.yaml: ok\n', stderr: '' });
  });

  it('accepts both examples with no environment, warning about each unset required variable', async () => {
    const run = await validate(['examples/governor.yaml', 'examples/fly.yaml']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('env REDIS_URL: required, unset (daemon.redisUrl)');
    for (const name of ['REDIS_URL', 'FLY_API_TOKEN', 'SLACK_WEBHOOK_URL', 'PAGERDUTY_ROUTING_KEY']) {
      expect(run.stderr).toContain(`${name} (examples/fly.yaml:`);
    }
    expect(run.stderr).toContain('--require-env makes this an error');
  });

  it('with --require-env names the unset variables of fly.yaml and exits 1', async () => {
    const checked = await validate(['--require-env', 'examples/fly.yaml']);
    expect(checked.code).toBe(1);
    for (const name of ['REDIS_URL', 'FLY_API_TOKEN', 'SLACK_WEBHOOK_URL', 'PAGERDUTY_ROUTING_KEY']) {
      expect(checked.stdout).toMatch(
        new RegExp(`^examples/fly\\.yaml:\\d+:\\d+: \\S+: environment variable ${name} is not set`, 'm'),
      );
    }
    expect(checked.stderr).toContain('drop --require-env');
  });

  it('lists every issue of every invalid file and exits 1', async () => {
    const run = await validate([
      `${fixtures}/multiple-errors.yaml`,
      'examples/governor.yaml',
      `${fixtures}/unknown-key-nested.yaml`,
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      `${fixtures}/multiple-errors.yaml:7:17: daemon.tickInterval: "often" is not a duration (use 500ms, 30s, 5m, 1h or 1h30m, each unit once, largest first)`,
      `${fixtures}/multiple-errors.yaml:9:3: collector.windw: unknown key "windw" (did you mean "window"?)`,
      `${fixtures}/multiple-errors.yaml:25:10: apps[1].min: min 3 is greater than max 1`,
      'examples/governor.yaml: ok',
      `${fixtures}/unknown-key-nested.yaml:25:13: apps[0].behavior.scaleDown.policies[1].peroid: unknown key "peroid" (did you mean "period"?)`,
    ]);
    expect(run.stderr).toBe('2 of 3 file(s) invalid, 4 issue(s)\n');
  });

  it('--json prints one machine-readable report', async () => {
    const run = await validate(['--json', `${fixtures}/min-greater-than-max.yaml`, 'examples/governor.yaml']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      files: {
        file: string;
        ok: boolean;
        hash?: string;
        issues: { code: string; path: string; line: number }[];
      }[];
    };
    expect(report.ok).toBe(false);
    expect(report.files.map((f) => [f.file, f.ok])).toEqual([
      [`${fixtures}/min-greater-than-max.yaml`, false],
      ['examples/governor.yaml', true],
    ]);
    expect(report.files[0]?.issues).toEqual([
      expect.objectContaining({ code: 'GOV_CONFIG_MIN_MAX', path: 'apps[0].min', line: 12 }),
    ]);
    expect(report.files[1]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a missing file is an issue (exit 1); no file at all is a usage error (exit 2)', async () => {
    const missing = await validate(['does-not-exist.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('does-not-exist.yaml:1:1: cannot read the file (ENOENT)');
    const none = await validate([]);
    expect(none.code, none.stderr).toBe(2);
    expect(none.stderr).toContain("missing required argument 'file'");
    const badFlag = await validate(['--no-such-flag', 'examples/governor.yaml']);
    expect(badFlag.code, badFlag.stderr).toBe(2);
  });

  it('--help explains the command and its options', async () => {
    const run = await validate(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--require-env');
    expect(run.stdout).toContain('--json');
    expect(run.stdout).toContain('Exits 0 when all files are valid');
  });
});
