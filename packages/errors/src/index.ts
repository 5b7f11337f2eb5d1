export type { ErrorCode } from './codes.js';
export { ERROR_CODES } from './codes.js';
export { renderErrorDocs } from './error-docs.js';
export type { GovernorErrorOptions } from './governor-error.js';
export { describeError, GovernorError, isGovernorError } from './governor-error.js';
