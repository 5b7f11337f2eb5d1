/** Options of {@link StatusPrinter}. */
export interface StatusPrinterOptions {
  readonly out: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Redraw in place (ANSI) instead of printing lines. Default: whether `out` is a TTY. */
  readonly tty?: boolean;
}

/**
 * Prints the status table: on a TTY it redraws in place (cursor up, clear
 * lines); otherwise it prints the rows as plain lines, only when they changed,
 * prefixed with the time, so a log file stays readable.
 */
export class StatusPrinter {
  private drawn = 0;
  private lastPlain = '';
  private readonly tty: boolean;

  constructor(private readonly options: StatusPrinterOptions) {
    this.tty = options.tty ?? (options.out as NodeJS.WriteStream).isTTY === true;
  }

  /** The terminal width, or 160 when not a TTY. */
  get width(): number {
    const columns = (this.options.out as NodeJS.WriteStream).columns;
    return this.tty ? Math.max(40, columns || 120) : 160;
  }

  print(lines: readonly string[]): void {
    if (this.tty) {
      const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
      const body = lines.map((l) => `\x1b[2K${l}`).join('\n');
      const clearRest = '\x1b[0J';
      this.options.out.write(`${up}${body}\n${clearRest}`);
      this.drawn = lines.length;
      return;
    }
    // Plain mode: title and column heads once, then the rows whenever they change.
    const [title, columns, ...rows] = lines;
    const text = rows.join('\n');
    if (text === this.lastPlain) return;
    if (this.lastPlain === '') this.options.out.write(`${[title, columns].filter(Boolean).join('\n')}\n`);
    this.lastPlain = text;
    const stamp = new Date().toISOString().slice(11, 19);
    this.options.out.write(`${rows.map((r) => `${stamp} ${r}`).join('\n')}\n`);
  }
}
