import { createHash } from 'node:crypto';

/** The sha256 hex digest of a config file's text (what the daemon exports as its config hash). */
export function configHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
