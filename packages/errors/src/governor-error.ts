import { ERROR_CODES, type ErrorCode } from './codes.js';

/** Options for {@link GovernorError}. */
export interface GovernorErrorOptions {
  /** The underlying error, kept for logs and `cause` chains. */
  cause?: unknown;
  /** Structured context (file, line, field path, app, ...). Never put secrets here. */
  details?: Record<string, unknown>;
}

/**
 * The one error type of Governor. Every error carries a stable `code`
 * declared in `codes.ts`; the message is for people, the code for programs.
 */
export class GovernorError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: GovernorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GovernorError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** The documented summary of this error's code. */
  get summary(): string {
    return ERROR_CODES[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** True when `err` is a {@link GovernorError}, optionally with the given code. */
export function isGovernorError(err: unknown, code?: ErrorCode): err is GovernorError {
  return err instanceof GovernorError && (code === undefined || err.code === code);
}

/** A short, single-line description of any thrown value, for logs. */
export function describeError(err: unknown): string {
  if (err instanceof GovernorError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
