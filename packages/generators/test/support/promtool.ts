import { execFileSync } from 'node:child_process';
import { ensurePromtool } from '@governor/testkit';

/** Result of a promtool run: exit status and combined output. */
export interface ToolRun {
  readonly ok: boolean;
  readonly output: string;
}

/** Runs a real promtool (installed on demand) and captures its outcome. */
export function promtool(args: readonly string[], cwd?: string): ToolRun {
  try {
    const out = execFileSync(ensurePromtool(), [...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: out };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message };
  }
}
