import { describe, expect, it } from "vitest";
import { BUILTIN_TEMPLATES, findBuiltinTemplate } from "@/server/meetings/builtin-templates";

const EXPECTED_KEYS = [
  "first-one-on-one",
  "weekly-check-in",
  "goals-alignment",
  "trust-reset",
  "career-conversation",
  "two-way-feedback",
  "post-assessment-reflection",
  "new-manager-handover",
];

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

describe("BUILTIN_TEMPLATES", () => {
  it("holds exactly the eight shipped keys, in order", () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.key)).toEqual(EXPECTED_KEYS);
  });

  it("has unique keys and unique names", () => {
    const keys = BUILTIN_TEMPLATES.map((t) => t.key);
    const names = BUILTIN_TEMPLATES.map((t) => t.name.trim().toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(BUILTIN_TEMPLATES.map((t) => [t.key, t] as const))("%s", (_key, template) => {
    it("has a name and a non-empty purpose", () => {
      expect(template.name.trim()).not.toBe("");
      expect(template.purpose.trim()).not.toBe("");
      expect(template.purpose).toMatch(PRINTABLE_ASCII);
    });

    it("has 2 to 4 sections, each with a title and 2 to 4 items", () => {
      expect(template.sections.length).toBeGreaterThanOrEqual(2);
      expect(template.sections.length).toBeLessThanOrEqual(4);
      for (const section of template.sections) {
        expect(section.title.trim()).not.toBe("");
        expect(section.items.length).toBeGreaterThanOrEqual(2);
        expect(section.items.length).toBeLessThanOrEqual(4);
      }
    });

    it("has short, unique item texts without a trailing period", () => {
      const seen = new Set<string>();
      for (const item of template.sections.flatMap((s) => s.items)) {
        const text = item.text.trim();
        expect(text).not.toBe("");
        expect(item.text.length).toBeLessThanOrEqual(80);
        expect(item.text).toMatch(PRINTABLE_ASCII);
        expect(text.endsWith(".")).toBe(false);
        const normalized = text.toLowerCase();
        expect(seen.has(normalized), `duplicate item text: ${text}`).toBe(false);
        seen.add(normalized);
      }
    });

    it("gives every item a prompt that is a question", () => {
      for (const item of template.sections.flatMap((s) => s.items)) {
        expect(item.prompt, `missing prompt for: ${item.text}`).toBeDefined();
        const prompt = (item.prompt ?? "").trim();
        expect(prompt.length).toBeGreaterThan(0);
        expect(prompt.length).toBeLessThanOrEqual(200);
        expect(prompt).toMatch(PRINTABLE_ASCII);
        expect(prompt.endsWith("?"), `not a question: ${prompt}`).toBe(true);
      }
    });
  });
});

describe("findBuiltinTemplate", () => {
  it("returns each template by its key", () => {
    for (const template of BUILTIN_TEMPLATES) {
      expect(findBuiltinTemplate(template.key)).toBe(template);
    }
    expect(findBuiltinTemplate("trust-reset")?.name).toBe("Trust reset");
  });

  it("returns undefined for an unknown key", () => {
    expect(findBuiltinTemplate("no-such-template")).toBeUndefined();
    expect(findBuiltinTemplate("")).toBeUndefined();
    expect(findBuiltinTemplate("Trust-Reset")).toBeUndefined();
  });
});
