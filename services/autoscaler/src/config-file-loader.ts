import { formatIssue, loadConfigFile } from '@governor/config';
import type { ConfigLoader } from './config-reloader.js';

/**
 * The daemon's {@link ConfigLoader}: reads and validates a file with
 * `@governor/config`, turning issues into `file:line:col: path: message` lines.
 *
 * @param env environment `${VAR}` references resolve against (the service's env module passes it).
 */
export function configFileLoader(env: Record<string, string | undefined>): ConfigLoader {
  return (path) => {
    const result = loadConfigFile(path, { env });
    return result.ok
      ? { ok: true, config: result.config, hash: result.hash }
      : { ok: false, issues: result.issues.map(formatIssue) };
  };
}
