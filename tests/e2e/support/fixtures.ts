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

/**
 * Runs axe on the page as it is now and fails with the rule ids and offending elements. After a
 * client-side navigation Next sets the new page's <title> a moment after its content, so this
 * waits for a title first (every page has one): axe reads the document as it finds it.
 */
export async function expectNoAxeViolations(page: Page, label: string) {
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(summary, `axe violations on ${label}:\n  ${summary.join("\n  ")}`).toEqual([]);
}
