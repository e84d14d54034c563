import { describe, expect, it } from "vitest";
import { assessmentState, assessmentTitle } from "@/server/assessments/state";

describe("an assessment's title and state", () => {
  const at = new Date("2026-04-01T00:00:00Z");

  it("is named after its cycle, or is a pair check-in", () => {
    expect(assessmentTitle("Spring 2026")).toBe("Spring 2026");
    expect(assessmentTitle(null)).toBe("Pair check-in");
    expect(assessmentTitle(undefined)).toBe("Pair check-in");
  });

  it("is revealed once revealed, even after it closed; closed when it or its cycle closed; else open", () => {
    expect(assessmentState({ revealedAt: at, closedAt: at, cycleStatus: "closed" })).toBe("revealed");
    expect(assessmentState({ revealedAt: null, closedAt: at, cycleStatus: "open" })).toBe("closed");
    expect(assessmentState({ revealedAt: null, closedAt: null, cycleStatus: "closed" })).toBe("closed");
    expect(assessmentState({ revealedAt: null, closedAt: null, cycleStatus: "open" })).toBe("open");
    expect(assessmentState({ revealedAt: null, closedAt: null, cycleStatus: null })).toBe("open");
  });
});
