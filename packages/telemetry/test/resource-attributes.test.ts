import { describe, expect, it } from 'vitest';
import { parseResourceAttributes } from '../src/index.js';

describe('parseResourceAttributes (OTEL_RESOURCE_ATTRIBUTES)', () => {
  it.each([
    ['', {}, []],
    ['deployment.environment=prod', { 'deployment.environment': 'prod' }, []],
    [' a = 1 , b=two%20words ,', { a: '1', b: 'two words' }, []],
    ['k=a%2Cb,x=y=z', { k: 'a,b', x: 'y=z' }, []],
    ['novalue,=v,ok=1,bad=%E0%A4%A', { ok: '1' }, ['novalue', '=v', 'bad=%E0%A4%A']],
  ])('%j', (raw, attributes, invalid) => {
    expect(parseResourceAttributes(raw)).toEqual({ attributes, invalid });
  });
});
