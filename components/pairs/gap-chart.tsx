import { GAP_STROKES, GapBadge, GapLegend } from "./gap-badge";

export interface GapRow {
  key: string;
  name: string;
  mine: number | null;
  theirs: number | null;
  /** |gap| flags from the analysis. */
  notable: boolean;
  large: boolean;
}

const WIDTH = 320;
const HEIGHT = 28;
const PAD = 10;
/** 1–5 across the chart (a linear scale, written out: this file also runs in the browser). */
const xOf = (score: number) => PAD + ((score - 1) / 4) * (WIDTH - 2 * PAD);
const TICKS = [1, 2, 3, 4, 5];
// The scale's ticks as one path (a page shows nine of these charts' rows).
const TICK_PATH = TICKS.map((t) => `M${xOf(t)} ${-HEIGHT / 2 + 2}V${HEIGHT / 2 - 2}`).join("");

/** The two marks of the legend and the chart: you are a filled circle, the other a hollow diamond. */
export function YouMark({ size = 12 }: { size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 12 12" className="inline-block">
      <circle cx="6" cy="6" r="5" className="fill-brand-700" />
    </svg>
  );
}

export function OtherMark({ size = 12 }: { size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 12 12" className="inline-block">
      <rect x="2" y="2" width="8" height="8" transform="rotate(45 6 6)" className="fill-white stroke-violet-700" strokeWidth="2" />
    </svg>
  );
}

/**
 * Where the two of you see each dimension, on the 1–5 scale: a dumbbell per dimension, the
 * line between the marks coloured by how large the gap is. Rendered on the server, so it shows
 * without script; the table beside it carries the same numbers for screen readers.
 */
export function GapChart({ rows, otherName, describedBy }: { rows: GapRow[]; otherName: string; describedBy: string }) {
  return (
    <figure aria-describedby={describedBy} className="space-y-2">
      <div aria-hidden="true" className="grid grid-cols-1 gap-x-4 sm:grid-cols-[11rem_1fr]">
        <span className="hidden sm:block" />
        <div className="relative h-5 text-xs text-slate-600">
          {TICKS.map((tick) => (
            <span key={tick} className="absolute -translate-x-1/2" style={{ left: `${(xOf(tick) / WIDTH) * 100}%` }}>
              {tick}
            </span>
          ))}
        </div>
      </div>
      <ul className="space-y-1">
        {rows.map((row) => {
          const tone = row.large ? GAP_STROKES.large : row.notable ? GAP_STROKES.notable : GAP_STROKES.none;
          return (
            <li
              key={row.key}
              className="grid grid-cols-1 items-center gap-x-4 sm:grid-cols-[11rem_1fr]"
              data-dimension={row.key}
              data-mine={row.mine ?? ""}
              data-theirs={row.theirs ?? ""}
            >
              <span className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-slate-800">
                {row.name} <GapBadge gap={row} />
              </span>
              <svg aria-hidden="true" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full">
                <g transform={`translate(0 ${HEIGHT / 2})`}>
                  <path d={TICK_PATH} className="stroke-slate-200" strokeWidth={1} />
                  {row.mine !== null && row.theirs !== null ? (
                    <line x1={xOf(row.mine)} y1={0} x2={xOf(row.theirs)} y2={0} className={tone} strokeWidth={row.large ? 5 : 3} strokeLinecap="round" />
                  ) : null}
                  {row.theirs !== null ? (
                    <rect
                      x={xOf(row.theirs) - 5}
                      y={-5}
                      width={10}
                      height={10}
                      transform={`rotate(45 ${xOf(row.theirs)} 0)`}
                      className="fill-white stroke-violet-700"
                      strokeWidth={2}
                    />
                  ) : null}
                  {row.mine !== null ? <circle cx={xOf(row.mine)} cy={0} r={6} className="fill-brand-700" /> : null}
                </g>
              </svg>
            </li>
          );
        })}
      </ul>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
        <span className="inline-flex items-center gap-1.5">
          <YouMark /> You
        </span>
        <span className="inline-flex items-center gap-1.5">
          <OtherMark /> {otherName}
        </span>
        {rows.some((r) => r.notable) ? <GapLegend /> : null}
        <span>
          1 = strongly disagree, 5 = strongly agree{rows.some((r) => r.mine === null || r.theirs === null) ? "; a missing mark means all “can't say”" : ""}
        </span>
      </figcaption>
    </figure>
  );
}
