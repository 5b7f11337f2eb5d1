import { readFileSync } from 'node:fs';
import type { ConfigResult, ParseConfigOptions } from './config-issue.js';
import { parseConfig } from './parse-config.js';

/** Options of {@link loadConfigFile}: those of parseConfig except the file name. */
export type LoadConfigOptions = Omit<ParseConfigOptions, 'file'>;

/** Reads (synchronously) and parses a config file; an unreadable file is a `GOV_CONFIG_FILE_UNREADABLE` issue. */
export function loadConfigFile(path: string, options: LoadConfigOptions = {}): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = errorCode(error) ?? String(error instanceof Error ? error.message : error);
    return {
      ok: false,
      issues: [
        {
          code: 'GOV_CONFIG_FILE_UNREADABLE',
          message: `cannot read the file (${reason})`,
          file: path,
          line: 1,
          column: 1,
          path: '',
        },
      ],
    };
  }
  return parseConfig(text, { ...options, file: path });
}

/** The `code` of a Node.js system error (`ENOENT`, `EACCES`), when it has one. */
function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
