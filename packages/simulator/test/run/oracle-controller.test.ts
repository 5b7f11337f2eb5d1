import { describe, expect, it } from 'vitest';
import type { ControllerInput } from '../../src/run/controller.js';
import { oracleController } from '../../src/run/oracle-controller.js';

function at(tick: number): ControllerInput {
  return { t: tick * 5000, tick, machines: [], observations: { app: 'web', machines: [] } };
}

describe('oracle baseline', () => {
  const ideal = [Int32Array.from([1, 2, 8, 3, 1]), Int32Array.from([1, 1, 4, 1, 1])];

  it('asks for the largest ideal count within the lookahead, per region', () => {
    const oracle = oracleController(['ams', 'iad'], ideal, 1, 1);
    expect(oracle.tick(at(0)).desired).toEqual({ ams: 2, iad: 1 });
    expect(oracle.tick(at(1)).desired).toEqual({ ams: 8, iad: 4 });
    expect(oracle.tick(at(4)).desired).toEqual({ ams: 1, iad: 1 });
  });

  it("is held within the app's max, keeping the regions' shares", () => {
    const oracle = oracleController(['ams', 'iad'], ideal, 1, 1, 6);
    const desired = oracle.tick(at(1)).desired;
    expect(desired).toEqual({ ams: 4, iad: 2 });
    expect(Object.values(desired).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('raises a fleet below min in the first region', () => {
    const oracle = oracleController(['ams'], [Int32Array.from([0, 0])], 0, 2, 6);
    expect(oracle.tick(at(0)).desired).toEqual({ ams: 2 });
  });
});
