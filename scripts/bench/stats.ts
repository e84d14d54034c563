// Small helpers for timings and the printed tables.

export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): Timing {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    runs: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
    meanMs: round(samples.reduce((s, x) => s + x, 0) / samples.length),
  };
}

/**
 * Runs `fn` once untimed, then `runs` times, and returns the timings. A measurement that would
 * take longer than `budgetMs` stops early (after at least 5 runs): `runs` in the result says how
 * many were made, so a slow case cannot hold the whole benchmark for an hour.
 */
export async function time(runs: number, fn: () => Promise<unknown>, budgetMs = 180_000): Promise<Timing> {
  const begin = performance.now();
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
    if (samples.length >= 5 && performance.now() - begin > budgetMs) break;
  }
  return summarize(samples);
}

/** A plain-text table: the first row is the header. */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === "number" ? formatNumber(c) : c)));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
