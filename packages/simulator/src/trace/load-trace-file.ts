import { readFile } from 'node:fs/promises';
import { GovernorError } from '@governor/errors';
import { type ParseTraceOptions, parseTrace } from './parse-trace.js';
import type { Trace } from './trace.js';

/**
 * Reads and parses a trace CSV file (see {@link parseTrace}).
 *
 * @throws GovernorError `GOV_CLI_INVALID_TRACE` when the file cannot be read or is malformed.
 */
export async function loadTraceFile(path: string, options: ParseTraceOptions = {}): Promise<Trace> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : cause instanceof Error
              ? cause.message
              : String(cause);
    throw new GovernorError('GOV_CLI_INVALID_TRACE', `cannot read trace ${path}: ${reason}`, {
      cause,
      details: { path },
    });
  }
  return parseTrace(text, { source: path, ...options });
}
