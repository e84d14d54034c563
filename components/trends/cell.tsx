import { hiddenText, type Cell } from "@/server/analysis/anonymity";

/** A figure, or the only thing a hidden one may say ("fewer than 5 people", with the cycle's minimum `k`). */
export function CellValue<T>({ cell, format, k }: { cell: Cell<T>; format: (value: T) => string; k?: number | null }) {
  if (cell.hidden) return <span className="text-xs text-slate-600">{k ? hiddenText(k) : "too few people to show"}</span>;
  return <>{format(cell.value)}</>;
}

/** Heat from a 1–5 mean (or a 0–2 gap): a light tint with dark text, so every cell keeps AA contrast. */
export function heatClass(value: number, kind: "mean" | "gap"): string {
  if (kind === "gap") return value >= 1.5 ? "bg-red-100" : value >= 1 ? "bg-amber-100" : value >= 0.5 ? "bg-amber-50" : "bg-emerald-50";
  return value >= 4 ? "bg-emerald-100" : value >= 3.5 ? "bg-emerald-50" : value >= 3 ? "bg-amber-50" : "bg-red-100";
}

/** What the heatmap's colours mean, band by band: the same thresholds as heatClass. */
export function HeatLegend({ kind }: { kind: "mean" | "gap" }) {
  const bands =
    kind === "gap"
      ? [
          { sample: 1.5, text: "1.50 or more (large gap)" },
          { sample: 1, text: "1.00 to 1.49 (notable gap)" },
          { sample: 0.5, text: "0.50 to 0.99" },
          { sample: 0, text: "under 0.50" },
        ]
      : [
          { sample: 4, text: "4.00 or more" },
          { sample: 3.5, text: "3.50 to 3.99" },
          { sample: 3, text: "3.00 to 3.49" },
          { sample: 1, text: "under 3.00" },
        ];
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700">
      <span className="font-medium">Colour key:</span>
      <ul className="contents">
        {bands.map((band) => (
          <li key={band.text} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-3 w-5 rounded-sm ring-1 ring-slate-300 ${heatClass(band.sample, kind)}`} />
            {band.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
