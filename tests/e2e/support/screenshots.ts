import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test } from "./fixtures";

/** A full-page screenshot in test-results/screenshots: outside any one test's folder, so it survives passing runs. */
export async function shoot(page: Page, name: string) {
  const dir = path.join(test.info().project.outputDir, "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
