import { describe, expect, it } from "vitest";
import { firstOf, showAllHref } from "@/components/ui/show-all";

describe("home's capped lists", () => {
  it("shows the first items, or every one when asked", () => {
    const items = Array.from({ length: 15 }, (_, i) => i);
    expect(firstOf(items, 12, false)).toEqual(items.slice(0, 12));
    expect(firstOf(items, 12, true)).toEqual(items);
  });

  it("a list's 'Show all' link keeps the other list shown whole", () => {
    const none = { assessments: false, reports: false };
    expect(showAllHref(none, "reports", "my-reports")).toBe("/?reports=all#my-reports");
    expect(showAllHref(none, "assessments", "my-assessments")).toBe("/?assessments=all#my-assessments");
    expect(showAllHref({ assessments: true, reports: false }, "reports", "my-reports")).toBe("/?assessments=all&reports=all#my-reports");
    expect(showAllHref({ assessments: false, reports: true }, "assessments", "my-assessments")).toBe("/?assessments=all&reports=all#my-assessments");
  });
});
