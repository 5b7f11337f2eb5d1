import type { AppConfig } from '@governor/config';

/**
 * The app with `path=value` overrides applied (a dotted path into the app,
 * a JSON value or a bare string), for ablation runs: `capacity.headroom=false`.
 */
export function applyOverrides(app: AppConfig, sets: readonly string[]): AppConfig {
  let out: Record<string, unknown> = structuredClone(app) as unknown as Record<string, unknown>;
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq < 0) throw new Error(`--set ${s}: expected path=value`);
    const path = s.slice(0, eq).split('.');
    const raw = s.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    out = setPath(out, path, value);
  }
  return out as unknown as AppConfig;
}

function setPath(
  obj: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const copy: Record<string, unknown> = Array.isArray(obj)
    ? ([...obj] as unknown as Record<string, unknown>)
    : { ...obj };
  copy[head] =
    rest.length === 0 ? value : setPath((copy[head] ?? {}) as Record<string, unknown>, rest, value);
  return copy;
}
