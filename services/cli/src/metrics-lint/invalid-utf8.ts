/** The first byte of a line that is not valid UTF-8, located. */
export interface InvalidUtf8 {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in characters of the line before the bad byte. */
  readonly column: number;
  readonly byte: number;
}

const decoder = new TextDecoder('utf-8');

/**
 * The lines of `bytes` that are not valid UTF-8 (overlong forms, surrogates,
 * truncated sequences, stray continuation bytes), each with its first bad
 * byte. The formats are UTF-8 only; a lenient decode would turn such bytes
 * into U+FFFD and hide them.
 */
export function invalidUtf8Lines(bytes: Uint8Array): InvalidUtf8[] {
  const out: InvalidUtf8[] = [];
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    const row = bytes.subarray(start, end);
    const at = firstInvalid(row);
    if (at !== -1) {
      out.push({ line, column: decoder.decode(row.subarray(0, at)).length + 1, byte: row[at] ?? 0 });
    }
    start = end + 1;
    line++;
  }
  return out;
}

/** Index of the first byte that starts no valid UTF-8 sequence, or -1. */
function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (d === undefined || d < min || d > max) return i;
    }
    i += n + 1;
  }
  return -1;
}
