import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signInAs } from "./auth";

export { expect };

export const test = base.extend<{ signInAs: (email: string) => Promise<void> }>({
  // Every test already gets its own context; this signs that context in.
  // (`provide` is Playwright's `use`, renamed so the React hooks lint rule leaves it alone.)
  signInAs: async ({ page }, provide) => {
    await provide(async (email) => {
      await signInAs(page, email);
    });
  },
});

/** Runs axe on the page as it is now and fails with the rule ids and offending elements. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(summary, `axe violations on ${label}:\n  ${summary.join("\n  ")}`).toEqual([]);
}
