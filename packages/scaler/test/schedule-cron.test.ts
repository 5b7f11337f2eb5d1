import { parseCron } from '@governor/config';
import { appFrom, scheduleFrom } from '@governor/config/testing';
import { describe, expect, it } from 'vitest';
import { decide, emptyHistory } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { cpuMachines, observe } from './support/machines.js';

const H = 3_600_000;

describe('cron parsing', () => {
  it('accepts lists, ranges, steps and names', () => {
    const c = parseCron('*/15 9-17 * jan,jul mon-fri');
    expect([...c.minutes]).toEqual([0, 15, 30, 45]);
    expect([...c.hours]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...c.months]).toEqual([1, 7]);
    expect([...c.weekdays]).toEqual([1, 2, 3, 4, 5]);
  });
  it('treats 7 as Sunday', () => {
    expect(parseCron('0 0 * * 7').weekdays.has(0)).toBe(true);
  });
  for (const bad of [
    '* * * *',
    '60 * * * *',
    '* 24 * * *',
    '* * 0 * *',
    'x * * * *',
    '*/0 * * * *',
    '5-1 * * * *',
  ]) {
    it(`rejects "${bad}" with GOV_CONFIG_CRON`, () => {
      expect(() => parseCron(bad)).toThrowError(expect.objectContaining({ code: 'GOV_CONFIG_CRON' }));
    });
  }
});

describe('scheduled min/max overrides', () => {
  const policy = appConfig({
    min: 1,
    max: 10,
    schedules: [
      scheduleFrom({
        name: 'business-hours',
        cron: '0 9 * * mon-fri',
        timezone: 'Europe/Amsterdam',
        duration: 8 * H,
        min: 4,
      }),
    ],
  });
  const at = (iso: string) => Date.parse(iso);

  const cases: { name: string; now: string; active: boolean }[] = [
    // 2026-01-05 is a Monday; Amsterdam is UTC+1 in winter.
    { name: 'Monday 09:00 Amsterdam (08:00Z): window starts', now: '2026-01-05T08:00:00Z', active: true },
    { name: 'Monday 08:59 Amsterdam: not yet', now: '2026-01-05T07:59:00Z', active: false },
    { name: 'Monday 16:59 Amsterdam: still inside', now: '2026-01-05T15:59:59Z', active: true },
    {
      name: 'Monday 17:00 Amsterdam: window over (end exclusive)',
      now: '2026-01-05T16:00:00Z',
      active: false,
    },
    { name: 'Saturday 10:00 Amsterdam: no fire on weekends', now: '2026-01-10T09:00:00Z', active: false },
    // Summer time: UTC+2.
    { name: 'July Monday 09:30 Amsterdam (07:30Z) under DST', now: '2026-07-06T07:30:00Z', active: true },
    { name: 'July Monday 08:30 Amsterdam (06:30Z) under DST', now: '2026-07-06T06:30:00Z', active: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decide(policy, observe(cpuMachines([0.5, 0.5])), emptyHistory(), at(c.now));
      expect(d.bounds.min, `bounds ${JSON.stringify(d.bounds)}`).toBe(c.active ? 4 : 1);
      expect(d.bounds.schedule).toEqual(c.active ? ['business-hours'] : undefined);
      expect(d.desired).toBe(c.active ? 4 : 2);
    });
  }

  it('a window that spans midnight stays active after the date changes', () => {
    const p = appConfig({
      schedules: [
        scheduleFrom({ cron: '0 22 * * *', timezone: 'UTC', duration: 4 * H, max: 2, name: 'night' }),
      ],
    });
    const d = decide(p, observe(cpuMachines([0.5, 0.5, 0.5])), emptyHistory(), at('2026-03-04T01:30:00Z'));
    expect(d.bounds.max).toBe(2);
    expect(d.desired).toBe(2);
  });

  it('overlapping schedules take the largest min and the largest max', () => {
    const p = appConfig({
      min: 1,
      max: 10,
      schedules: [
        scheduleFrom({ cron: '* * * * *', timezone: 'UTC', duration: H, min: 3, max: 6 }),
        scheduleFrom({ cron: '* * * * *', timezone: 'UTC', duration: H, min: 5 }),
      ],
    });
    const d = decide(p, observe(cpuMachines([0.5])), emptyHistory(), at('2026-03-04T01:30:00Z'));
    expect(d.bounds).toMatchObject({ min: 5, max: 6 });
  });
});

describe('cron macros and schedules the scaler cannot apply', () => {
  const at = (iso: string) => Date.parse(iso);

  it('a @daily schedule raises the floor (the macro validate accepts is the one decide applies)', () => {
    const p = appConfig({
      min: 1,
      max: 10,
      schedules: [
        scheduleFrom({ cron: '@daily', timezone: 'UTC', duration: 24 * H, min: 3, name: 'daily-floor' }),
      ],
    });
    const d = decide(p, observe(cpuMachines([0.5, 0.5])), emptyHistory(), at('2026-03-04T13:30:00Z'));
    expect(d.bounds).toMatchObject({ min: 3, schedule: ['daily-floor'] });
    expect(d.desired).toBe(3);
  });

  for (const macro of ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']) {
    it(`${macro} parses to a cron that fires`, () => {
      const c = parseCron(macro);
      expect(c.minutes.has(0)).toBe(true);
    });
  }

  it('a schedule whose cron cannot be applied never reaches decide: the loader refuses it, saying why', () => {
    const fields = { cron: '@fortnightly', timezone: 'UTC', duration: '1h', min: 3, name: 'bad' };
    const app = { name: 'web', min: 1, max: 20, targets: [{ type: 'cpu', utilization: '50%' }] };
    expect(() => appFrom({ ...app, schedules: [fields] })).toThrowError(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            code: 'GOV_CONFIG_CRON',
            path: 'apps[0].schedules[0].cron',
            message: expect.stringMatching(/^unknown macro/),
          }),
        ],
      }),
    );
    // A schedule built by hand goes through the same parser.
    expect(() => scheduleFrom({ ...fields, duration: H })).toThrowError(
      expect.objectContaining({
        code: 'GOV_CONFIG_CRON',
        message: expect.stringContaining('"@fortnightly"'),
      }),
    );
  });
});
