import { OtherMark, YouMark } from "./gap-chart";

export interface TrendSeries {
  key: string;
  name: string;
  points: { label: string; mine: number | null; theirs: number | null; gap?: number | null }[];
}

const WIDTH = 200;
const HEIGHT = 90;
const PAD = 12;
// Grid lines at 1, 3 and 5, as one path.
const GRID = [1, 3, 5].map((t) => `M${PAD} ${yOf(t)}H${WIDTH - PAD}`).join("");

function yOf(score: number): number {
  return HEIGHT - PAD - ((score - 1) * (HEIGHT - 2 * PAD)) / 4;
}

/** The line through a series' known points; a lone point is a zero-length segment, so its mark shows. */
function pathOf(points: readonly (number | null)[]): string | null {
  const steps = Math.max(1, points.length - 1);
  const at = points.flatMap((v, i) => (v === null ? [] : [`${+(PAD + (i * (WIDTH - 2 * PAD)) / steps).toFixed(2)} ${+yOf(v).toFixed(2)}`]));
  if (at.length === 0) return null;
  return at.length === 1 ? `M${at[0]}h0` : `M${at.join("L")}`;
}

/**
 * One small line chart per dimension: your rating and theirs across the pair's revealed
 * assessments. Server-drawn SVG; the table next to it holds the same numbers. Each line is one
 * path whose points are drawn by markers defined once, so a chart is three elements however
 * many assessments it shows: nine charts of a few dozen elements each were a fifth of the
 * dashboard's server rendering time.
 */
export function TrendChart({ series, describedBy, labels }: { series: TrendSeries[]; describedBy: string; labels: { mine: string; theirs: string } }) {
  const you = `${describedBy}-you`;
  const them = `${describedBy}-them`;
  return (
    <figure aria-describedby={describedBy}>
      <svg aria-hidden="true" width="0" height="0" className="absolute">
        <defs>
          <marker id={you} viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse">
            <circle cx="5" cy="5" r="4" className="fill-brand-700" />
          </marker>
          <marker id={them} viewBox="0 0 16 16" refX="8" refY="8" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse">
            <rect x="4" y="4" width="8" height="8" transform="rotate(45 8 8)" className="fill-white stroke-violet-700" strokeWidth="2" />
          </marker>
        </defs>
      </svg>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {series.map((dimension) => {
          const theirs = pathOf(dimension.points.map((p) => p.theirs));
          const mine = pathOf(dimension.points.map((p) => p.mine));
          return (
            <li key={dimension.key} className="rounded-lg border border-slate-200 bg-white p-2">
              <p className="text-xs font-medium text-slate-800">{dimension.name}</p>
              <svg aria-hidden="true" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full">
                <path d={GRID} className="stroke-slate-100" />
                {theirs ? (
                  <path
                    d={theirs}
                    className="stroke-violet-700"
                    strokeWidth={2}
                    strokeDasharray="4 3"
                    fill="none"
                    markerStart={`url(#${them})`}
                    markerMid={`url(#${them})`}
                    markerEnd={`url(#${them})`}
                  />
                ) : null}
                {mine ? (
                  <path
                    d={mine}
                    className="stroke-brand-700"
                    strokeWidth={2.5}
                    fill="none"
                    markerStart={`url(#${you})`}
                    markerMid={`url(#${you})`}
                    markerEnd={`url(#${you})`}
                  />
                ) : null}
              </svg>
              {/* One line each, however long the cycle's name (the table beside has them in full). */}
              <p className="flex justify-between gap-2 text-[11px] text-slate-600">
                <span className="min-w-0 truncate" title={dimension.points[0]?.label}>
                  {dimension.points[0]?.label}
                </span>
                <span className="min-w-0 truncate text-right" title={dimension.points.at(-1)?.label}>
                  {dimension.points.length > 1 ? dimension.points.at(-1)?.label : ""}
                </span>
              </p>
            </li>
          );
        })}
      </ul>
      <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
        <span className="inline-flex items-center gap-1.5">
          <YouMark /> {labels.mine}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <OtherMark /> {labels.theirs}
        </span>
        <span>each chart runs from 1 (bottom) to 5 (top)</span>
      </figcaption>
    </figure>
  );
}
