import type { Dimension } from "@/server/assessments/item-bank";

/** The dimensions both rate high and see alike, by name; nothing when there are none. */
export function SharedStrengths({ strengths, dimensions }: { strengths: readonly string[]; dimensions: readonly Dimension[] }) {
  if (strengths.length === 0) return null;
  return (
    <section aria-labelledby="strengths" className="space-y-2">
      <h2 id="strengths" className="text-lg font-semibold">
        Shared strengths
      </h2>
      <p className="text-slate-700">
        You both rate these high and see them alike: {strengths.map((key) => dimensions.find((dimension) => dimension.key === key)?.name).join(", ")}.
      </p>
    </section>
  );
}
