/** A score or gap for people: at least one decimal, at most two ("4.0", "2.75", "4.33"). */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  const rounded = Math.round(value * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

export function formatSigned(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${formatScore(Math.abs(value))}`;
}
