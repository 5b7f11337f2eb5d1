import { describe, expect, it } from 'vitest';
import { SseReader } from '../src/index.js';

describe('SseReader', () => {
  it('parses events split across chunks, skipping comments and retry lines', () => {
    const r = new SseReader();
    expect(r.push('retry: 1000\n\n: keep-alive\n\nid: 1\nevent: inst')).toEqual([]);
    expect(r.push('ances\ndata: {"a":')).toEqual([]);
    expect(r.push('1}\n\ndata: x\r\ndata: y\r\n\r\n')).toEqual([
      { event: 'instances', data: '{"a":1}', id: '1' },
      { event: 'message', data: 'x\ny', id: '1' },
    ]);
  });
});
