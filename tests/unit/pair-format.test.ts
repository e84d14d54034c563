import { describe, expect, it } from "vitest";
import { formatScore, formatSigned, gapChange } from "@/components/pairs/format";

describe("numbers on the pair dashboard", () => {
  it("always have two decimals, so 4.00 sits beside 3.67", () => {
    expect([4, 3.6666667, 2.75, 1, 0, 4.005].map(formatScore)).toEqual(["4.00", "3.67", "2.75", "1.00", "0.00", "4.01"]);
    expect(formatScore(null)).toBe("–");
    expect([1.5, -0.6666667, 0, -0.001].map(formatSigned)).toEqual(["+1.50", "−0.67", "±0.00", "−0.00"]);
  });
});

describe("change since last time", () => {
  it("says narrowed, widened or unchanged while the same side rates higher", () => {
    // Was −2 (the other rated higher by 2), now −1: change +1.
    expect(gapChange(-1, 1)).toBe("gap narrowed by 1.00");
    expect(gapChange(1.5, 0.25)).toBe("gap widened by 0.25");
    expect(gapChange(0.5, 0)).toBe("gap unchanged");
  });

  it("says the gap reversed when the other person now rates it higher, even at the same size", () => {
    // +0.67 before, −0.67 now: the size is the same, the direction flipped.
    expect(gapChange(-2 / 3, -4 / 3)).toBe("gap reversed: +0.67 before, −0.67 now");
    expect(gapChange(1, 3)).toBe("gap reversed: −2.00 before, +1.00 now");
  });

  it("does not call a gap that closed, or one that opened from nothing, reversed", () => {
    expect(gapChange(0, -1)).toBe("gap narrowed by 1.00");
    expect(gapChange(-0.5, -0.5)).toBe("gap widened by 0.50");
  });
});
