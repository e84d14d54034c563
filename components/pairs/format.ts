/** A mean or gap for people, always with two decimals, so that 3.67 sits beside 4.00 (as on Trends). */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  // Half away from zero at the second decimal, as the analysis rounds.
  const hundredths = Math.round(Math.abs(value) * 100);
  return `${value < 0 && hundredths !== 0 ? "-" : ""}${(hundredths / 100).toFixed(2)}`;
}

export function formatSigned(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${formatScore(Math.abs(value))}`;
}

/**
 * How a gap moved since the previous assessment, from the reader's signed gap now and its signed
 * change: "gap narrowed by 0.50", "gap widened by 0.25", "gap unchanged", or — when the other
 * person is now the one who rates it higher — "gap reversed: +0.67 before, −0.67 now".
 */
export function gapChange(gap: number, change: number): string {
  const before = gap - change;
  const same = (a: number, b: number) => Math.abs(a - b) < 0.005;
  if (!same(gap, 0) && !same(before, 0) && Math.sign(gap) !== Math.sign(before))
    return `gap reversed: ${formatSigned(before)} before, ${formatSigned(gap)} now`;
  const delta = Math.abs(gap) - Math.abs(before);
  if (same(delta, 0)) return "gap unchanged";
  return `gap ${delta < 0 ? "narrowed" : "widened"} by ${formatScore(Math.abs(delta))}`;
}
