/**
 * An IANA time zone with its Intl formatter built once: building one costs
 * about ten times as much as reading it, so the config builds one per
 * schedule and the scaler reads it on every decide. Deterministic (the
 * runtime's time-zone data), no clock.
 */
export class TimeZone {
  private readonly format: Intl.DateTimeFormat;

  /** @throws RangeError when `name` is not a time zone this runtime knows (see `isValidTimeZone`). */
  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  }

  /** The zone's offset from UTC at instant `t` (ms since epoch), in ms; whole minutes. */
  offsetAt(t: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(t))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const local = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
    );
    const minute = t - (((t % 60_000) + 60_000) % 60_000);
    return local - minute;
  }
}
