import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { buildConfig } from './build-config.js';
import { configHash } from './config-hash.js';
import type { ConfigIssue, ConfigResult, ParseConfigOptions } from './config-issue.js';
import { deepFreeze } from './deep-freeze.js';
import { CONFIG_VERSION, governorSchema } from './definition/root.js';
import { runRules } from './rules/run-rules.js';
import { describeNode } from './schema/describe-node.js';
import { ParseContext } from './schema/parse-context.js';
import { MAX_NESTING, nestingTooDeep, yamlIssue } from './yaml-issues.js';

/**
 * Parses and validates a config file's text. Reports every issue found
 * (YAML syntax first; then schema and cross-field rules), each with file,
 * line, column and field path. On success the config is normalized
 * (durations in ms, percentages as fractions, secrets as SecretRef) and
 * deeply frozen. Never prints or returns a secret value.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): ConfigResult {
  const file = options.file ?? '<config>';
  const env = options.env ?? process.env;
  const lines = new LineCounter();
  const deep = nestingTooDeep(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    const column = deep - before.lastIndexOf('\n');
    const message = `the file nests deeper than ${MAX_NESTING} levels`;
    return { ok: false, issues: [{ code: 'GOV_CONFIG_YAML_SYNTAX', message, file, line, column, path: '' }] };
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, issues: doc.errors.map((error) => yamlIssue(error, file, lines, doc)) };
  }
  const ctx = new ParseContext(file, env, doc, lines);
  const root = ctx.resolve(doc.contents);
  ctx.remember([], root);
  if (!checkVersion(root, ctx)) return { ok: false, issues: ctx.issues };
  const results = governorSchema.parseFields(root, [], ctx);
  runRules(results.values, ctx, { checkEnv: options.checkEnv ?? true });
  if (!results.ok || ctx.issues.length > 0) return { ok: false, issues: sortIssues(ctx.issues) };
  return { ok: true, config: deepFreeze(buildConfig(results.values)), hash: configHash(text) };
}

function checkVersion(root: Node | null, ctx: ParseContext): boolean {
  if (!isMap(root)) {
    ctx.report(
      'GOV_CONFIG_TYPE',
      [],
      root,
      `the file must be a mapping starting with "version: 1", got ${describeNode(root)}`,
    );
    return false;
  }
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === 'version');
  if (pair === undefined) {
    ctx.report('GOV_CONFIG_VERSION', ['version'], root, `missing "version: ${CONFIG_VERSION}"`);
    return false;
  }
  const value = ctx.resolve(pair.value);
  if (!isScalar(value) || value.value !== CONFIG_VERSION) {
    const got = isScalar(value) ? JSON.stringify(value.value) : describeNode(value);
    ctx.report(
      'GOV_CONFIG_VERSION',
      ['version'],
      value,
      `version ${got} is not supported (this Governor reads version ${CONFIG_VERSION})`,
    );
    return false;
  }
  return true;
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
