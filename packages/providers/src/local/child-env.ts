import type { LocalProviderOptions } from './local-options.js';

/** `PATH` of a child when the caller gives none. */
export const DEFAULT_CHILD_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * The whole environment of one child: `PATH`, the app's declared entries,
 * then `PORT` and `GOVERNOR_INSTANCE_ID`. Nothing of the daemon's own
 * environment leaks in, so a child cannot read the API token, the Redis URL
 * or a provider token from `/proc/<pid>/environ`.
 */
export function childEnv(
  options: Pick<LocalProviderOptions, 'env' | 'path'>,
  port: number,
  id: string,
): Record<string, string> {
  return {
    PATH: options.path ?? DEFAULT_CHILD_PATH,
    ...options.env,
    PORT: String(port),
    GOVERNOR_INSTANCE_ID: id,
  };
}
