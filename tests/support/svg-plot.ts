// A line chart as a standalone SVG file, for the benchmarks' figures in docs/ (latency against cases, against
// concurrent callers). A few series of a few points each need axes, ticks, lines and a legend; a charting library
// would bring a canvas or a DOM for that.
import { writeFileSync } from 'node:fs';

export interface PlotSeries {
  name: string;
  points: readonly { x: number; y: number }[];
  /** Drawn dashed (a target, a baseline). */
  dashed?: boolean;
}

export interface LinePlot {
  title: string;
  /** Read out by screen readers and shown by image viewers as the description. */
  description: string;
  xLabel: string;
  yLabel: string;
  /** A logarithmic x axis (10k, 100k, 1M). */
  logX?: boolean;
  series: readonly PlotSeries[];
  /** Formats tick values on the x axis. */
  formatX?: (value: number) => string;
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { top: 48, right: 190, bottom: 56, left: 64 };
// Colour-blind-safe (Okabe–Ito), each at least 4.5:1 against white.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000', '#8A6D00', '#56778F'];

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The chart as SVG text. */
export function renderLinePlot(plot: LinePlot): string {
  const points = plot.series.flatMap((series) => series.points);
  const xs = points.map((p) => p.x);
  const toX = plot.logX ? Math.log10 : (v: number) => v;
  const xMin = toX(Math.min(...xs));
  const xMax = toX(Math.max(...xs));
  const yMax = niceCeiling(Math.max(...points.map((p) => p.y)));
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (v: number) => MARGIN.left + (xMax === xMin ? innerWidth / 2 : ((toX(v) - xMin) / (xMax - xMin)) * innerWidth);
  const sy = (v: number) => MARGIN.top + innerHeight - (v / yMax) * innerHeight;
  const formatX = plot.formatX ?? ((v: number) => v.toLocaleString('en'));
  const xTicks = [...new Set(xs)].sort((a, b) => a - b);
  const yTicks = Array.from({ length: 6 }, (_, i) => (yMax / 5) * i);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="title desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="title">${escapeXml(plot.title)}</title>`,
    `<desc id="desc">${escapeXml(plot.description)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="600" fill="#000">${escapeXml(plot.title)}</text>`,
  ];
  for (const tick of yTicks) {
    const y = sy(tick).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + innerWidth}" y1="${y}" y2="${y}" stroke="#dddddd"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#333">${formatNumber(tick)}</text>`);
  }
  for (const tick of xTicks) {
    const x = sx(tick).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${MARGIN.top + innerHeight}" y2="${MARGIN.top + innerHeight + 5}" stroke="#333"/>`);
    parts.push(`<text x="${x}" y="${MARGIN.top + innerHeight + 18}" text-anchor="middle" fill="#333">${escapeXml(formatX(tick))}</text>`);
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + innerWidth}" y1="${MARGIN.top + innerHeight}" y2="${MARGIN.top + innerHeight}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + innerHeight}" stroke="#333"/>`,
    `<text x="${MARGIN.left + innerWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle" fill="#000">${escapeXml(plot.xLabel)}</text>`,
    `<text transform="translate(18 ${MARGIN.top + innerHeight / 2}) rotate(-90)" text-anchor="middle" fill="#000">${escapeXml(plot.yLabel)}</text>`,
  );
  plot.series.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length]!;
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    const path = sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    if (!series.dashed) {
      for (const p of sorted) parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${colour}"/>`);
    }
    const legendY = MARGIN.top + 8 + index * 20;
    const legendX = MARGIN.left + innerWidth + 16;
    parts.push(`<line x1="${legendX}" x2="${legendX + 22}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${legendX + 28}" y="${legendY}" dominant-baseline="middle" fill="#000">${escapeXml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Writes the chart to `file` unless BENCH_WRITE=0. */
export function writeLinePlot(file: string, plot: LinePlot): void {
  if (process.env.BENCH_WRITE === '0') return;
  writeFileSync(file, renderLinePlot(plot));
  console.log(`plot written to ${file}`);
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(1);
}
