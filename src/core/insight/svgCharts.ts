// Small SVG charts with no dependencies, shared by the health report and the dashboard. All text is
// escaped; nothing refers to fonts, images or anything else outside the SVG. A standalone chart
// carries its own styles (light and dark), for a report's image files; an embedded one carries only
// class names, so the dashboard's stylesheet can colour it with the editor's theme under a
// content security policy that forbids inline styles.

/** A chart element that can be clicked: the dashboard turns it into a message. */
export interface ChartAction {
  action: string;
  key: string;
}

export interface BarDatum {
  label: string;
  value: number;
  /** Tooltip; defaults to "label: value". */
  title?: string;
  action?: ChartAction;
}

export interface ColumnDatum {
  label: string;
  /** One value per series, stacked from the bottom. */
  values: number[];
  title?: string;
  action?: ChartAction;
}

export interface ChartOptions {
  title: string;
  /** Include styles, for a chart saved as its own file. */
  standalone?: boolean;
  width?: number;
  height?: number;
  /** Series names for a legend (column charts with more than one series). */
  series?: string[];
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const STANDALONE_STYLE =
  `text{font-family:${FONT};font-size:11px;fill:#57606a}.cc-title{font-size:13px;font-weight:600;fill:#24292f}` +
  '.cc-grid{stroke:#d0d7de;stroke-width:1}.cc-s0{fill:#2f81f7}.cc-s1{fill:#d29922}.cc-hit{fill:transparent}' +
  '.cc-line{fill:none;stroke:#2f81f7;stroke-width:2}.cc-area{fill:#2f81f7;fill-opacity:0.15}' +
  '@media (prefers-color-scheme:dark){text{fill:#9198a1}.cc-title{fill:#e6edf3}.cc-grid{stroke:#30363d}}';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Stacked columns, one per label: contributions or contributors per month. */
export function columnChart(points: ColumnDatum[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const [left, right, top, bottom] = [40, 10, 34, 24];
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const scale = niceScale(Math.max(0, ...points.map((p) => sum(p.values))));
  const max = scale.max;
  const parts = [frame(width, height, options), legend(options.series, width - right, 14), ...grid(scale, left, top, plotWidth, plotHeight)];
  if (!points.length) parts.push(noData(left + plotWidth / 2, top + plotHeight / 2));
  const band = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, band * 0.8);
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / 60))));
  points.forEach((point, i) => {
    const x = left + i * band + (band - barWidth) / 2;
    const shapes = [`<rect class="cc-hit" x="${n(left + i * band)}" y="${top}" width="${n(band)}" height="${plotHeight}"/>`];
    let base = top + plotHeight;
    point.values.forEach((value, series) => {
      if (value <= 0) return;
      const h = (value / max) * plotHeight;
      base -= h;
      shapes.push(`<rect class="cc-bar cc-s${series}" x="${n(x)}" y="${n(base)}" width="${n(barWidth)}" height="${n(h)}"/>`);
    });
    const title = point.title ?? `${point.label}: ${point.values.join(' + ')}`;
    parts.push(item(point.action, title, shapes.join('')));
    if ((points.length - 1 - i) % labelEvery === 0) {
      parts.push(xLabel(left + i * band + band / 2, height - 8, point.label, width));
    }
  });
  return parts.join('') + '</svg>';
}

/** One horizontal bar per label, longest first as given: entries by type, tags by entries. */
export function barChart(bars: BarDatum[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const row = 22;
  const [labelWidth, top, right] = [170, 34, 48];
  const height = options.height ?? top + Math.max(1, bars.length) * row + 8;
  const plotWidth = width - labelWidth - right;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const parts = [frame(width, height, options)];
  if (!bars.length) parts.push(noData(width / 2, top + row / 2));
  bars.forEach((bar, i) => {
    const y = top + i * row;
    const barLength = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * plotWidth);
    const shapes =
      `<rect class="cc-hit" x="0" y="${y}" width="${width}" height="${row}"/>` +
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(truncate(bar.label, 26))}</text>` +
      `<rect class="cc-bar cc-s0" x="${labelWidth}" y="${y + 4}" width="${n(barLength)}" height="${row - 8}"/>` +
      `<text x="${n(labelWidth + barLength + 6)}" y="${y + 15}">${bar.value}</text>`;
    parts.push(item(bar.action, bar.title ?? `${bar.label}: ${bar.value}`, shapes));
  });
  return parts.join('') + '</svg>';
}

/** A line with a shaded area below it: the knowledge base's size over time. */
export function lineChart(points: BarDatum[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 180;
  const [left, right, top, bottom] = [40, 10, 34, 24];
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const scale = niceScale(Math.max(0, ...points.map((p) => p.value)));
  const max = scale.max;
  const parts = [frame(width, height, options), ...grid(scale, left, top, plotWidth, plotHeight)];
  if (!points.length) return parts.join('') + noData(left + plotWidth / 2, top + plotHeight / 2) + '</svg>';
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const xy = points.map((p, i) => [left + i * step, top + plotHeight - (p.value / max) * plotHeight] as const);
  const path = xy.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)} ${n(y)}`).join('');
  parts.push(`<path class="cc-area" d="${path}L${n(xy[xy.length - 1][0])} ${top + plotHeight}L${left} ${top + plotHeight}Z"/>`);
  parts.push(`<path class="cc-line" d="${path}"/>`);
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / 60))));
  points.forEach((point, i) => {
    if ((points.length - 1 - i) % labelEvery === 0) {
      parts.push(xLabel(xy[i][0], height - 8, point.label, width));
    }
  });
  const last = points[points.length - 1];
  parts.push(`<text x="${n(xy[xy.length - 1][0])}" y="${n(xy[xy.length - 1][1] - 6)}" text-anchor="end">${last.value}</text>`);
  return parts.join('') + '</svg>';
}

function frame(width: number, height: number, options: ChartOptions): string {
  const title = escapeXml(options.title);
  const style = options.standalone ? `<style>${STANDALONE_STYLE}</style>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cc-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}">` +
    `${style}<title>${title}</title><text class="cc-title" x="0" y="16">${title}</text>`
  );
}

function legend(series: string[] | undefined, right: number, y: number): string {
  if (!series || series.length < 2) return '';
  const parts: string[] = [];
  let x = right;
  for (let i = series.length - 1; i >= 0; i--) {
    const label = escapeXml(series[i]);
    x -= label.length * 6.5 + 22;
    parts.push(`<rect class="cc-s${i}" x="${n(x)}" y="${y - 9}" width="10" height="10"/><text x="${n(x + 14)}" y="${y}">${label}</text>`);
  }
  return parts.join('');
}

function grid(scale: Scale, left: number, top: number, plotWidth: number, plotHeight: number): string[] {
  const lines: string[] = [];
  for (let tick = 0; tick <= scale.max + scale.step / 2; tick += scale.step) {
    const y = n(top + plotHeight - (tick / scale.max) * plotHeight);
    lines.push(`<line class="cc-grid" x1="${left}" x2="${left + plotWidth}" y1="${y}" y2="${y}"/><text x="${left - 6}" y="${n(Number(y) + 4)}" text-anchor="end">${formatTick(tick)}</text>`);
  }
  return lines;
}

/** An x-axis label, kept inside the chart when it sits at the right edge. */
function xLabel(x: number, y: number, label: string, width: number): string {
  const anchor = x + label.length * 3.5 > width ? `x="${width - 2}" text-anchor="end"` : `x="${n(x)}" text-anchor="middle"`;
  return `<text ${anchor} y="${y}">${escapeXml(label)}</text>`;
}

function item(action: ChartAction | undefined, title: string, shapes: string): string {
  const tooltip = `<title>${escapeXml(title)}</title>`;
  if (!action) return `<g class="cc-item">${tooltip}${shapes}</g>`;
  return `<g class="cc-item cc-action" data-action="${escapeXml(action.action)}" data-key="${escapeXml(action.key)}" tabindex="0" role="button" aria-label="${escapeXml(title)}">${tooltip}${shapes}</g>`;
}

function noData(x: number, y: number): string {
  return `<text x="${n(x)}" y="${n(y)}" text-anchor="middle">No data yet</text>`;
}

export interface Scale {
  /** The top of the value axis: a whole number of steps at or above the largest value. */
  max: number;
  step: number;
}

/** A value axis with at most about four round steps (1, 2 or 5 times a power of ten, never below 1). */
export function niceScale(largest: number): Scale {
  const rough = Math.max(1, largest / 4);
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
  return { max: Math.max(step, Math.ceil(largest / step) * step), step };
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Coordinates to one decimal: enough for a chart, and it keeps the markup small. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}
