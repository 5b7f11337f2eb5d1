import { describe, expect, it } from 'vitest';
import { TimeZone } from '../src/index.js';
import { appFrom, configFrom, scheduleFrom } from '../src/testing/index.js';

const HOUR = 3_600_000;

describe('TimeZone', () => {
  it.each([
    // [zone, instant, offset]: both sides of Amsterdam's 2026 spring-forward (01:00 UTC, 29 March)
    ['UTC', Date.UTC(2026, 2, 29, 0, 59), 0],
    ['Europe/Amsterdam', Date.UTC(2026, 2, 29, 0, 59), HOUR],
    ['Europe/Amsterdam', Date.UTC(2026, 2, 29, 1, 0), 2 * HOUR],
    ['America/New_York', Date.UTC(2026, 0, 15, 12, 0), -5 * HOUR],
    ['Asia/Kolkata', Date.UTC(2026, 5, 1, 12, 0, 30), 5.5 * HOUR],
  ])('%s at %d is %d ms from UTC', (zone, t, offset) => {
    expect(new TimeZone(zone).offsetAt(t)).toBe(offset);
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => new TimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('a schedule carries its time zone, built once where the config is built', () => {
  const source = {
    version: 1,
    providers: { local: { type: 'local', command: 'true', portRange: [9000, 9010] } },
    apps: [
      {
        name: 'web',
        provider: 'local',
        min: 1,
        max: 10,
        targets: [{ type: 'cpu', utilization: '60%' }],
        schedules: [{ cron: '0 9 * * 1-5', timezone: 'Europe/Amsterdam', duration: '8h', min: 4 }],
      },
    ],
  };

  it('in a loaded (frozen) config, and reads offsets there', () => {
    const [schedule] = configFrom(source).apps[0]?.schedules ?? [];
    expect(Object.isFrozen(schedule?.zone)).toBe(true);
    expect(schedule?.zone.name).toBe('Europe/Amsterdam');
    expect(schedule?.zone.offsetAt(Date.UTC(2026, 6, 1))).toBe(2 * HOUR);
  });

  it('in fixtures: appFrom copies an app with schedules, scheduleFrom builds one', () => {
    const app = appFrom({ ...source.apps[0], name: 'web' });
    expect(app.schedules[0]?.zone.offsetAt(Date.UTC(2026, 0, 1))).toBe(HOUR);
    const built = scheduleFrom({ cron: '@daily', timezone: 'America/New_York', duration: 60_000, min: 1 });
    expect(built.zone.offsetAt(Date.UTC(2026, 0, 1))).toBe(-5 * HOUR);
  });
});
