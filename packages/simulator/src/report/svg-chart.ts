/** One line of a chart. */
export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
  /** SVG stroke-dasharray, e.g. `4 3`. Default solid. */
  readonly dash?: string;
  /** Stroke width. Default 1.2. */
  readonly width?: number;
  /** Lowest and highest value of each point: drawn as a translucent band behind the line. */
  readonly band?: { readonly min: readonly number[]; readonly max: readonly number[] };
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  readonly title: string;
  readonly yLabel: string;
  /** x value (seconds since the trace start) of each point. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  /** Horizontal reference lines (e.g. the SLO). */
  readonly lines?: readonly { readonly y: number; readonly label: string; readonly color: string }[];
  /** Points to shade (masked data). */
  readonly shade?: readonly boolean[];
  /**
   * Upper bound of the y axis. Default: the largest value (and line). Values
   * above it are drawn at the top and the chart says so.
   */
  readonly yMax?: number;
  /** Default 1100 x 260. */
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 58, right: 12, top: 26, bottom: 30 };

/** Escapes text for HTML and SVG. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained inline SVG line chart (no scripts, no fonts, no network). */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 1100;
  const height = o.height ?? 260;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const n = o.x.length;
  const xMin = o.x[0] ?? 0;
  const xMax = n > 0 ? (o.x[n - 1] ?? 0) + (n > 1 ? (o.x[1] ?? 0) - xMin : 1) : 1;
  const span = Math.max(1e-9, xMax - xMin);
  let yMax = o.yMax ?? 0;
  if (o.yMax === undefined) {
    for (const s of o.series) for (const v of s.band?.max ?? s.values) if (v > yMax) yMax = v;
    for (const l of o.lines ?? []) if (l.y > yMax) yMax = l.y;
    yMax = niceCeil(yMax * 1.05);
  }
  if (!(yMax > 0)) yMax = 1;
  const px = (x: number) => PAD.left + ((x - xMin) / span) * plotW;
  const py = (y: number) => PAD.top + plotH - (Math.min(Math.max(y, 0), yMax) / yMax) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(o.title)}">`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(
    `<text x="${PAD.left}" y="16" font-size="13" font-weight="bold" fill="#222">${escapeXml(o.title)}</text>`,
  );
  if (o.shade) {
    const step = n > 1 ? (o.x[1] ?? 0) - (o.x[0] ?? 0) : xMax;
    for (let i = 0; i < n; i++) {
      if (!o.shade[i]) continue;
      let j = i;
      while (j + 1 < n && o.shade[j + 1]) j++;
      const x0 = px(o.x[i] ?? 0);
      const x1 = px((o.x[j] ?? 0) + step);
      parts.push(
        `<rect x="${f(x0)}" y="${PAD.top}" width="${f(Math.max(1, x1 - x0))}" height="${plotH}" fill="#ddd"/>`,
      );
      i = j;
    }
  }
  const yStep = niceStep(yMax / 4);
  for (let y = 0; y <= yMax * (1 + 1e-9); y += yStep) {
    parts.push(
      `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(py(y))}" y2="${f(py(y))}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 6}" y="${f(py(y) + 4)}" font-size="10" text-anchor="end" fill="#555">${fmtNum(y)}</text>`,
    );
  }
  const days = span / 86_400;
  const tickEvery =
    days > 2
      ? 86_400 * Math.ceil(days / 12)
      : days > 0.25
        ? 3600 * Math.max(1, Math.ceil(span / 3600 / 12))
        : 600;
  for (let x = Math.ceil(xMin / tickEvery) * tickEvery; x <= xMax; x += tickEvery) {
    parts.push(
      `<line x1="${f(px(x))}" x2="${f(px(x))}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH + 4}" stroke="#888"/>`,
    );
    const label = tickLabel(x, tickEvery);
    parts.push(
      `<text x="${f(px(x))}" y="${PAD.top + plotH + 16}" font-size="10" text-anchor="middle" fill="#555">${label}</text>`,
    );
  }
  parts.push(
    `<text x="12" y="${PAD.top + plotH / 2}" font-size="10" fill="#555" transform="rotate(-90 12 ${PAD.top + plotH / 2})" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  );
  for (const s of o.series) {
    if (s.band)
      parts.push(bandPath(s.band, Math.min(n, s.band.min.length), s.color, (i) => px(o.x[i] ?? 0), py));
  }
  for (const s of o.series) {
    let d = '';
    for (let i = 0; i < Math.min(n, s.values.length); i++) {
      d += `${i === 0 ? 'M' : 'L'}${f(px(o.x[i] ?? 0))} ${f(py(s.values[i] ?? 0))}`;
    }
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.2}"${dash}/>`);
  }
  for (const l of o.lines ?? []) {
    parts.push(
      `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(py(l.y))}" y2="${f(py(l.y))}" stroke="${l.color}" stroke-dasharray="6 3"/>`,
    );
    parts.push(
      `<text x="${width - PAD.right - 4}" y="${f(py(l.y) - 4)}" font-size="10" text-anchor="end" fill="${l.color}">${escapeXml(l.label)}</text>`,
    );
  }
  if (o.yMax !== undefined && o.series.some((s) => (s.band?.max ?? s.values).some((v) => v > yMax))) {
    parts.push(
      `<text x="${width - PAD.right - 4}" y="${PAD.top - 4}" font-size="10" text-anchor="end" fill="#555">axis cut at ${fmtNum(yMax)}: higher values drawn at the top</text>`,
    );
  }
  let lx = PAD.left + 20 + o.title.length * 7.5;
  for (const s of o.series) {
    parts.push(`<rect x="${lx}" y="8" width="12" height="3" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 16}" y="14" font-size="11" fill="#333">${escapeXml(s.name)}</text>`);
    lx += 26 + s.name.length * 6.5;
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/** A closed path along the band's upper edge and back along its lower edge, each point a flat step as wide as the point. */
function bandPath(
  band: { readonly min: readonly number[]; readonly max: readonly number[] },
  n: number,
  color: string,
  px: (i: number) => number,
  py: (y: number) => number,
): string {
  if (n === 0) return '';
  const right = (i: number) => (i + 1 < n ? px(i + 1) : px(i) + (n > 1 ? px(1) - px(0) : 1));
  let d = '';
  for (let i = 0; i < n; i++) {
    const y = f(py(band.max[i] ?? 0));
    d += `${i === 0 ? 'M' : 'L'}${f(px(i))} ${y}L${f(right(i))} ${y}`;
  }
  for (let i = n - 1; i >= 0; i--) {
    const y = f(py(band.min[i] ?? 0));
    d += `L${f(right(i))} ${y}L${f(px(i))} ${y}`;
  }
  return `<path d="${d}Z" fill="${color}" fill-opacity="0.22" stroke="none"/>`;
}

/** `d3` for day ticks, `d3 14:00` (days and hours since the trace start) otherwise. */
function tickLabel(x: number, every: number): string {
  const day = Math.floor(x / 86_400);
  if (every >= 86_400) return `d${day}`;
  const h = Math.floor((x % 86_400) / 3600);
  const m = Math.floor((x % 3600) / 60);
  return `d${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function f(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

function fmtNum(y: number): string {
  return Math.abs(y) >= 100 ? Math.round(y).toString() : (Math.round(y * 10) / 10).toString();
}

/** The smallest of 1, 2, 2.5 or 5 x 10^k that is at least `y` (axis tick spacing). */
export function niceStep(y: number): number {
  if (!(y > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(y));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= y * (1 - 1e-9)) return m * p;
  return 10 * p;
}

function niceCeil(y: number): number {
  if (!(y > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(y));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= y) return m * p;
  return 10 * p;
}
