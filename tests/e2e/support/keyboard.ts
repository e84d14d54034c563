import type { Locator, Page } from "@playwright/test";

/** Presses Tab until `target` has focus and returns how many presses it took; fails after `max`. */
export async function tabTo(page: Page, target: Locator, max: number): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`${target} not reached within ${max} presses of Tab`);
}

/** The focused element's label or text, for readable tab-order assertions. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "<body>";
    return (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
  });
}
