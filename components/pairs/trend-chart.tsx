import { scaleLinear } from "@visx/scale";
import { Line, LinePath } from "@visx/shape";
import { OtherMark, YouMark } from "./gap-chart";

export interface TrendSeries {
  key: string;
  name: string;
  points: { label: string; mine: number | null; theirs: number | null; gap?: number | null }[];
}

const W = 200;
const H = 90;
const P = 12;

/**
 * One small line chart per dimension: your rating and theirs across the pair's revealed
 * assessments. Server-drawn SVG; the table next to it holds the same numbers.
 */
export function TrendChart({ series, describedBy, labels }: { series: TrendSeries[]; describedBy: string; labels: { mine: string; theirs: string } }) {
  return (
    <figure aria-describedby={describedBy}>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {series.map((s) => {
          const n = Math.max(1, s.points.length - 1);
          const x = scaleLinear<number>({ domain: [0, n], range: [P, W - P] });
          const y = scaleLinear<number>({ domain: [1, 5], range: [H - P, P] });
          const line = (pick: (p: TrendSeries["points"][number]) => number | null) =>
            s.points.map((p, i) => ({ i, v: pick(p) })).filter((d): d is { i: number; v: number } => d.v !== null);
          return (
            <li key={s.key} className="rounded-lg border border-slate-200 bg-white p-2">
              <p className="text-xs font-medium text-slate-800">{s.name}</p>
              <svg aria-hidden="true" viewBox={`0 0 ${W} ${H}`} className="w-full">
                {[1, 3, 5].map((t) => (
                  <Line key={t} from={{ x: P, y: y(t) }} to={{ x: W - P, y: y(t) }} className="stroke-slate-100" />
                ))}
                <LinePath data={line((p) => p.theirs)} x={(d) => x(d.i)} y={(d) => y(d.v)} className="stroke-violet-700" strokeWidth={2} strokeDasharray="4 3" fill="none" />
                <LinePath data={line((p) => p.mine)} x={(d) => x(d.i)} y={(d) => y(d.v)} className="stroke-brand-700" strokeWidth={2.5} fill="none" />
                {line((p) => p.theirs).map((d) => (
                  <rect key={`t${d.i}`} x={x(d.i) - 4} y={y(d.v) - 4} width={8} height={8} transform={`rotate(45 ${x(d.i)} ${y(d.v)})`} className="fill-white stroke-violet-700" strokeWidth={2} />
                ))}
                {line((p) => p.mine).map((d) => (
                  <circle key={`m${d.i}`} cx={x(d.i)} cy={y(d.v)} r={4} className="fill-brand-700" />
                ))}
              </svg>
              <p className="flex justify-between text-[11px] text-slate-600">
                <span>{s.points[0]?.label}</span>
                <span>{s.points.length > 1 ? s.points.at(-1)?.label : ""}</span>
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
