import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line. */
const REDACT = [
  'token',
  'apiToken',
  'authorization',
  'password',
  'secret',
  '*.token',
  '*.apiToken',
  '*.authorization',
  'headers.authorization',
];

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Logger name (`collector`, `autoscaler`, ...). */
  name: string;
  /** Default `info`. */
  level?: string;
  /** Write to this stream instead of stdout (tests). */
  destination?: NodeJS.WritableStream;
}

/** A structured JSON logger (pino) with secrets redacted. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const opts: LoggerOptions = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { service: options.name },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that drops everything (tests, libraries). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
