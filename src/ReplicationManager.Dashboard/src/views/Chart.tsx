// A small line chart of render API series: no chart library, an SVG the page's CSP allows.
import type { RenderedSeries } from "../types";

const Width = 640;
const Height = 160;
const Pad = { left: 48, right: 8, top: 8, bottom: 20 };

export function Chart({ title, series, unit }: { title: string; series: RenderedSeries[]; unit: string }) {
  const points = series.flatMap((s) => s.datapoints.filter((p) => p[0] != null));
  if (points.length === 0) return <figure class="chart"><figcaption>{title}</figcaption><p class="muted">No points yet.</p></figure>;
  const times = series.flatMap((s) => s.datapoints.map((p) => p[1]));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const max = Math.max(...points.map((p) => p[0] as number)) || 1;
  const x = (t: number) => Pad.left + ((t - t0) / Math.max(t1 - t0, 1)) * (Width - Pad.left - Pad.right);
  const y = (v: number) => Height - Pad.bottom - (v / max) * (Height - Pad.top - Pad.bottom);
  return (
    <figure class="chart" data-testid={`chart-${title}`}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${Width} ${Height}`} role="img" aria-label={title}>
        <line class="axis" x1={Pad.left} y1={Height - Pad.bottom} x2={Width - Pad.right} y2={Height - Pad.bottom} />
        <text x={Pad.left - 4} y={Pad.top + 10} class="label" text-anchor="end">{format(max)}{unit}</text>
        <text x={Pad.left - 4} y={Height - Pad.bottom} class="label" text-anchor="end">0</text>
        <text x={Pad.left} y={Height - 4} class="label">{new Date(t0 * 1000).toLocaleTimeString()}</text>
        <text x={Width - Pad.right} y={Height - 4} class="label" text-anchor="end">{new Date(t1 * 1000).toLocaleTimeString()}</text>
        {series.map((s, i) => (
          <path class={`line line${i % 4}`} d={path(s, x, y)}>
            <title>{s.target}</title>
          </path>
        ))}
      </svg>
      <div class="legend">{series.map((s, i) => <span class={`key line${i % 4}`}>{s.target}</span>)}</div>
    </figure>
  );
}

/** Gaps (null points) break the line, so a stopped server shows as a gap. */
function path(series: RenderedSeries, x: (t: number) => number, y: (v: number) => number): string {
  let d = "";
  let drawing = false;
  for (const [value, time] of series.datapoints) {
    if (value == null) {
      drawing = false;
      continue;
    }
    d += `${drawing ? "L" : "M"}${x(time).toFixed(1)},${y(value).toFixed(1)} `;
    drawing = true;
  }
  return d;
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toPrecision(2);
}
