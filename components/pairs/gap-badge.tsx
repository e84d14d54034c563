import { Badge } from "@/components/ui/card";

// One visual language for gaps, on the chart, its legend, the badges and the tables: a large gap
// is red, a notable one amber, in the same words everywhere (thresholds in server/analysis/gaps.ts).

export const GAP_WORDS = { large: "Large gap", notable: "Notable gap" } as const;
export const GAP_STROKES = { large: "stroke-red-600", notable: "stroke-amber-500", none: "stroke-slate-400" } as const;

export function gapLevel(gap: { notable: boolean; large: boolean }): "large" | "notable" | null {
  return gap.large ? "large" : gap.notable ? "notable" : null;
}

export function GapBadge({ gap }: { gap: { notable: boolean; large: boolean } }) {
  const level = gapLevel(gap);
  if (!level) return null;
  return <Badge tone={level === "large" ? "red" : "amber"}>{GAP_WORDS[level]}</Badge>;
}

/** The chart's line colours, said in words. */
export function GapLegend() {
  const line = (stroke: string) => (
    <svg aria-hidden="true" width="20" height="8" viewBox="0 0 20 8" className="inline-block">
      <line x1="2" y1="4" x2="18" y2="4" className={stroke} strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
  return (
    <>
      <span className="inline-flex items-center gap-1.5">
        {line(GAP_STROKES.large)} {GAP_WORDS.large} (1.50 or more)
      </span>
      <span className="inline-flex items-center gap-1.5">
        {line(GAP_STROKES.notable)} {GAP_WORDS.notable} (1.00 or more)
      </span>
    </>
  );
}
