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
