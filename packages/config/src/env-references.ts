import type { GovernorConfig } from './config-types.js';
import { type FieldPath, formatPath } from './field-path.js';
import { requiredSecrets } from './rules/required-secrets.js';
import type { SecretRef } from './secret-ref.js';

/** An `${ENV_VAR}` reference of a config, as `governor validate` lists them. */
export interface EnvReference {
  /** The variable name. */
  readonly env: string;
  /** Field path, e.g. `providers.fly.token`. */
  readonly path: string;
  /** Whether the config as written cannot work without it (see the config docs). */
  readonly required: boolean;
  /** Whether it was set when the config was loaded. */
  readonly present: boolean;
}

/** Every secret reference of a validated config, in file order, with whether it is required and set. */
export function envReferences(config: GovernorConfig): EnvReference[] {
  const required = new Set(requiredSecrets(config).map((s) => formatPath(s.path)));
  const out: EnvReference[] = [];
  walk(config, [], (path, ref) => {
    const at = formatPath(path);
    out.push({ env: ref.env, path: at, required: required.has(at), present: ref.present });
  });
  return out;
}

function walk(value: unknown, path: FieldPath, visit: (path: FieldPath, ref: SecretRef) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (isSecretRef(value)) {
    visit(path, value);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    walk(child, [...path, Array.isArray(value) ? Number(key) : key], visit);
  }
}

function isSecretRef(value: object): value is SecretRef {
  return (
    'reveal' in value && typeof value.reveal === 'function' && 'env' in value && typeof value.env === 'string'
  );
}
