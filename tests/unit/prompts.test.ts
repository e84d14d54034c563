import { describe, expect, it } from "vitest";
import { blindSpotPrompt, discussionPrompt, type GapDirection } from "@/server/analysis/prompts";
import { DIMENSION_KEYS } from "@/server/assessments/item-bank";

const directions: GapDirection[] = ["employee_higher", "manager_higher"];

describe("discussion prompts", () => {
  const all = DIMENSION_KEYS.flatMap((dimension) => directions.map((direction) => ({ dimension, direction, prompt: discussionPrompt(dimension, direction) })));

  it("has a non-empty prompt for every dimension and direction, 18 in all, all distinct", () => {
    expect(all).toHaveLength(18);
    for (const { prompt } of all) expect(prompt.trim().length).toBeGreaterThan(40);
    expect(new Set(all.map((p) => p.prompt)).size).toBe(18);
  });

  it("differs by direction and names the side that rates the dimension higher", () => {
    for (const dimension of DIMENSION_KEYS) {
      const employeeHigher = discussionPrompt(dimension, "employee_higher");
      const managerHigher = discussionPrompt(dimension, "manager_higher");
      expect(employeeHigher).not.toBe(managerHigher);
      expect(employeeHigher).toContain("the report rates");
      expect(managerHigher).toContain("the manager rates");
    }
  });

  it("speaks to the pair and asks something to discuss", () => {
    for (const { prompt } of all) {
      expect(prompt).toMatch(/\byou\b/i);
      expect(prompt).toMatch(/\b(ask|agree|decide|share|name|describe|say|write|compare|pick|talk)\b/i);
      expect(prompt).not.toMatch(/\b(blame|fault|wrong)\b/i);
    }
  });
});

describe("blind spot prompts", () => {
  const all = DIMENSION_KEYS.flatMap((dimension) => [true, false].map((predictedHigher) => blindSpotPrompt(dimension, predictedHigher)));

  it("has a distinct non-empty prompt for every dimension and both directions of the miss", () => {
    expect(all).toHaveLength(18);
    for (const prompt of all) {
      expect(prompt.trim().length).toBeGreaterThan(40);
      expect(prompt).toMatch(/\byou\b/i);
    }
    expect(new Set(all).size).toBe(18);
  });

  it("says which way the prediction missed", () => {
    for (const dimension of DIMENSION_KEYS) {
      expect(blindSpotPrompt(dimension, true)).toMatch(/higher than|better known|more aligned/);
      expect(blindSpotPrompt(dimension, false)).toMatch(/lower than|less aligned/);
    }
  });

  it("is not one of the gap prompts", () => {
    const gapPrompts = new Set(DIMENSION_KEYS.flatMap((d) => directions.map((dir) => discussionPrompt(d, dir))));
    for (const prompt of all) expect(gapPrompts.has(prompt)).toBe(false);
  });
});
