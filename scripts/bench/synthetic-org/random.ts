// Deterministic randomness and the date arithmetic the generator uses: the same seed gives the
// same organization, row for row.

export const DAY = 86_400_000;

/** mulberry32: fast, seedable, good enough for synthetic data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const normal = (sd = 1) => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next()) * sd;
  };
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items.at(-1)![0];
  };
  const uuid = () => {
    const h = [next(), next(), next(), next()].map((x) => (Math.floor(x * 2 ** 32) >>> 0).toString(16).padStart(8, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Number.parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, chance, normal, weighted, uuid };
}
export type Rng = ReturnType<typeof prng>;

export const clamp = (x: number, lo = 1, hi = 5) => Math.min(hi, Math.max(lo, x));
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
export const maxDate = (a: Date, b: Date) => (a > b ? a : b);
export const between = (rng: Rng, from: Date, to: Date) => new Date(from.getTime() + rng.next() * Math.max(0, to.getTime() - from.getTime()));
