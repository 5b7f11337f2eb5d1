import type { ErrorCode } from '@governor/errors';
import type { GovernorConfig } from './config-types.js';

/** One problem found in a config file, located precisely enough to jump to. */
export interface ConfigIssue {
  /** Stable error code, e.g. `GOV_CONFIG_UNKNOWN_KEY`. */
  code: ErrorCode;
  /** What is wrong, for people. Never contains a secret value. */
  message: string;
  /** The file name given to the parser (`<config>` when none). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Field path such as `apps[0].behavior.scaleDown.policies[1].period` (empty for the whole file). */
  path: string;
  /** A close match for a misspelt key or value. */
  suggestion?: string;
}

/** The outcome of reading a config: the frozen config and its hash, or every issue found. */
export type ConfigResult =
  | { ok: true; config: GovernorConfig; hash: string }
  | { ok: false; issues: ConfigIssue[] };

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /** File name used in issues. Default `<config>`. */
  file?: string;
  /** Environment that `${VAR}` references resolve against. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Whether an unset variable behind a required secret is an error
   * (`GOV_CONFIG_ENV_UNSET`). Default true; `governor validate` turns it off unless `--require-env`.
   */
  checkEnv?: boolean;
}
