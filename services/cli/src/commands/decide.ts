import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type AppConfig, type ConfigIssue, formatIssue, loadConfigFile, parseConfig } from '@governor/config';
import { describeError } from '@governor/errors';
import { type Decision, decide, emptyHistory, type History, type Observations } from '@governor/scaler';
import type { Command } from 'commander';
import { observationProblems } from './decide-observations.js';

/** Options of `governor decide`. */
export interface DecideCommandOptions {
  /** The input file: `{policy, observations, history?, now}`. Required. */
  input: string;
  /** Print the one-line explanation instead of the Decision JSON. Default false. */
  explain: boolean;
}

/** What `decide` reads, once the policy is validated. */
export interface DecideInput {
  policy: AppConfig;
  observations: Observations;
  history: History;
  now: number;
}

/** Either the validated input or every problem found, one line each. */
export type DecideInputResult = { ok: true; input: DecideInput } | { ok: false; problems: string[] };

const PROVIDER = 'decide-input';

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Issue paths of the synthetic document point into `policy`, not `apps[0]`. */
function relocate(issue: ConfigIssue, file: string): string {
  const path = issue.path.startsWith('apps[0]') ? `policy${issue.path.slice('apps[0]'.length)}` : issue.path;
  return `${file}: ${path === '' ? '' : `${path}: `}${issue.message}${issue.suggestion === undefined ? '' : ` (did you mean "${issue.suggestion}"?)`}`;
}

/**
 * Validates an inline policy (an app entry in config-file syntax: "30s",
 * "70%") with the config loader, by wrapping it into a minimal `version: 1`
 * document with a synthetic local provider.
 */
function inlinePolicy(
  policy: Record<string, unknown>,
  file: string,
): { ok: true; app: AppConfig } | { ok: false; problems: string[] } {
  const doc = {
    version: 1,
    providers: { [PROVIDER]: { type: 'local', command: 'true', portRange: [20000, 20999] } },
    apps: [{ ...policy, provider: PROVIDER }],
  };
  const result = parseConfig(JSON.stringify(doc, null, 2), { file, checkEnv: false });
  if (!result.ok) return { ok: false, problems: result.issues.map((i) => relocate(i, file)) };
  return { ok: true, app: result.config.apps[0] as AppConfig };
}

/** A policy referenced as `{config: "path.yaml", app: "name"}` (path relative to the input file). */
function referencedPolicy(
  ref: Record<string, unknown>,
  file: string,
): { ok: true; app: AppConfig } | { ok: false; problems: string[] } {
  if (typeof ref.config !== 'string' || typeof ref.app !== 'string') {
    return { ok: false, problems: [`${file}: policy reference needs "config" (a path) and "app" (a name)`] };
  }
  const path = resolve(dirname(file), ref.config);
  const result = loadConfigFile(path, { checkEnv: false });
  if (!result.ok) return { ok: false, problems: result.issues.map(formatIssue) };
  const app = result.config.apps.find((a) => a.name === ref.app);
  if (app === undefined) {
    const names = result.config.apps.map((a) => a.name).join(', ');
    return { ok: false, problems: [`${path}: no app named "${ref.app}" (apps: ${names})`] };
  }
  return { ok: true, app };
}

/** Reads and validates a decide input file. Never throws for bad input. */
export function readDecideInput(file: string): DecideInputResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${file}: cannot read JSON (${describeError(error)})`] };
  }
  if (!isObject(raw))
    return { ok: false, problems: [`${file}: expected an object {policy, observations, history?, now}`] };
  const problems: string[] = [];
  const ref =
    isObject(raw.policy) && typeof raw.policy.config === 'string'
      ? raw.policy
      : typeof raw.config === 'string'
        ? raw
        : undefined;
  let policy: AppConfig | undefined;
  if (ref !== undefined) {
    const r = referencedPolicy(ref, file);
    if (r.ok) policy = r.app;
    else problems.push(...r.problems);
  } else if (isObject(raw.policy)) {
    const r = inlinePolicy(raw.policy, file);
    if (r.ok) policy = r.app;
    else problems.push(...r.problems);
  } else problems.push(`${file}: "policy" must be an app entry, or {"config": "path.yaml", "app": "name"}`);
  const obs = raw.observations;
  problems.push(...observationProblems(obs).map((p) => `${file}: ${p}`));
  const now = typeof raw.now === 'string' ? Date.parse(raw.now) : raw.now;
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    problems.push(`${file}: "now" must be ms since the epoch or an ISO 8601 time`);
  }
  const history = raw.history === undefined ? emptyHistory() : raw.history;
  if (!isObject(history) || history.version !== 1)
    problems.push(`${file}: "history" must be a version 1 history (or absent)`);
  if (problems.length > 0 || policy === undefined) return { ok: false, problems };
  const observations = { app: policy.name, ...(obs as object) } as Observations;
  return {
    ok: true,
    input: { policy, observations, history: history as unknown as History, now: now as number },
  };
}

/** Runs `governor decide`; returns the exit code (0 ok, 1 invalid input). */
export function runDecide(
  options: DecideCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): number {
  const read = readDecideInput(options.input);
  if (!read.ok) {
    process.stderr.write(`${read.problems.join('\n')}\n`);
    return 1;
  }
  let decision: Decision;
  try {
    const { policy, observations, history, now } = read.input;
    decision = decide(policy, observations, history, now);
  } catch (error) {
    process.stderr.write(`${options.input}: ${describeError(error)}\n`);
    return 1;
  }
  if (options.explain) out.write(explainLines(decision).join('\n'));
  out.write(`${JSON.stringify(decision, null, 2)}\n`);
  return 0;
}

/** The decision for people: the one-line explanation, every proposal's formula and every step. */
function explainLines(decision: Decision): string[] {
  const { bounds, current, desired, outcome } = decision;
  const lines = [
    decision.explanation,
    `bounds [${bounds.min}, ${bounds.max}], ${current} -> ${desired} (${outcome})`,
  ];
  for (const p of decision.proposals) {
    const where = p.region === undefined ? '' : ` [${p.region}]`;
    lines.push(`  proposal ${p.metric}${where} (${p.status}): ${p.formula}`);
  }
  for (const s of decision.steps) {
    const where = s.region === undefined ? '' : ` [${s.region}]`;
    lines.push(`  step ${s.stage}${where} ${s.reason}: ${s.before} -> ${s.after}: ${s.message}`);
  }
  lines.push('', '');
  return lines;
}

/** Registers `governor decide --input FILE.json`. */
export function registerDecideCommand(program: Command): void {
  program
    .command('decide')
    .description(
      "Run the autoscaler's decision once, offline, with the daemon's own code: read {policy, observations, " +
        'history, now} from a JSON file and print the Decision (every input, each metric proposal with its ' +
        'formula, each stabilization/rate/bounds step with its reason, the desired count per region, the next ' +
        'history). `policy` is an app entry in config-file syntax ("30s", "70%"), validated like the config ' +
        'file, or {"config": "path.yaml", "app": "name"}; `history` defaults to empty; `now` is ms since the ' +
        'epoch or an ISO time. See docs/decide.md and examples/decide/. Exits 0 with a decision, 1 when the ' +
        'input is invalid, 2 on a usage error.',
    )
    .requiredOption(
      '-i, --input <file>',
      'the input JSON file {policy, observations, history?, now} (required)',
    )
    .option(
      '--explain',
      'also print, before the Decision JSON, the explanation with every proposal formula and every step',
      false,
    )
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action((options: DecideCommandOptions) => {
      process.exitCode = runDecide(options);
    });
}
