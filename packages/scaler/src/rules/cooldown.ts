import type { Cooldown } from '@governor/config';
import type { ScopeHistory } from '../types.js';

/** Why a cooldown holds the count, with its numbers. */
export interface CooldownHold {
  readonly reason: 'CooldownUp' | 'CooldownDown';
  readonly message: string;
  readonly numbers: Record<string, number>;
}

function ago(since: number): string {
  return `last scale event ${Math.round(since / 1000)}s ago`;
}

/**
 * Cooldowns per direction: no scale-up within `cooldown.up` ms (no
 * scale-down within `cooldown.down` ms) of the last scale event in either
 * direction. Burst mode skips the up cooldown. Undefined when nothing holds.
 */
export function cooldownHold(
  cd: Cooldown,
  history: ScopeHistory,
  current: number,
  desired: number,
  now: number,
  inBurst: boolean,
): CooldownHold | undefined {
  const last = Math.max(
    history.lastScaleUp ?? Number.NEGATIVE_INFINITY,
    history.lastScaleDown ?? Number.NEGATIVE_INFINITY,
  );
  const since = now - last;
  if (desired > current && !inBurst && cd.up > 0 && since < cd.up) {
    return {
      reason: 'CooldownUp',
      message: `${ago(since)} < up cooldown ${Math.round(cd.up / 1000)}s -> keep ${current}`,
      numbers: { cooldown: cd.up, since },
    };
  }
  if (desired < current && cd.down > 0 && since < cd.down) {
    return {
      reason: 'CooldownDown',
      message: `${ago(since)} < down cooldown ${Math.round(cd.down / 1000)}s -> keep ${current}`,
      numbers: { cooldown: cd.down, since },
    };
  }
  return undefined;
}
