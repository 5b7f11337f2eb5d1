import type { AppConfig } from '@governor/config';

/**
 * The app with `path=value` overrides applied (a dotted path into the app,
 * a JSON value or a bare string), for ablation runs: `capacity.headroom=false`.
 */
export function applyOverrides(app: AppConfig, sets: readonly string[]): AppConfig {
  const out = structuredClone(app);
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
    setPath(out, path, value);
  }
  return out;
}

function isContainer(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Sets `value` at `path` inside `root` (a fresh copy), making objects where the path is missing. */
function setPath(root: unknown, path: readonly string[], value: unknown): void {
  const last = path.at(-1);
  if (last === undefined || !isContainer(root)) return;
  let at: Record<string, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (isContainer(next)) {
      at = next;
    } else {
      const made: Record<string, unknown> = {};
      at[key] = made;
      at = made;
    }
  }
  at[last] = value;
}
