import { expect, expectNoAxeViolations, test } from "./support/fixtures";

// Cycles keep their dates by themselves: the owner sets the organization's time zone on the
// settings page, and the cycles page says when a cycle will open, be reminded and close in it.
// The sweep itself is tested with an injected clock (tests/integration/cycle-schedule.test.ts);
// this spec only creates a draft that opens weeks after the run, so no other spec's people get
// an invitation from it.

const MAYA = "maya.chen@brightwater.example";
const CYCLE = "E2E scheduled round";

test.describe.configure({ mode: "serial" });

/** "YYYY-MM-DD" in `timeZone`, `days` from now. */
function dayIn(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

/** As the cycles page prints a day ("Jan 3, 2027"). */
function shown(day: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

test("the owner sets the time zone; the cycles page says when a cycle opens, is reminded and closes in it", async ({ page, signInAs }) => {
  await signInAs(MAYA);
  await page.goto("/admin/settings");
  const zone = page.getByLabel("Time zone");
  // The demo organization works from Berlin.
  await expect(zone).toHaveValue("Europe/Berlin");
  await expect(page.getByText("Cycle dates are days in this time zone.")).toBeVisible();
  await expectNoAxeViolations(page, "settings with the time zone");

  await zone.selectOption("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Saved. Cycle dates are now days in America/New_York.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Maya Chen changed a setting: time zone Europe/Berlin → America/New_York" })).toBeVisible();

  try {
    await page.goto("/admin/cycles");
    await expect(page.getByText("Dates are days in America/New_York.")).toBeVisible();
    await page.getByLabel("Name").fill(CYCLE);
    // Today: the form says it would open at once.
    await page.getByLabel("Opens on").fill(dayIn("America/New_York"));
    await expect(page.getByText("That is today or earlier: the cycle opens within a minute of being created")).toBeVisible();
    const opensOn = dayIn("America/New_York", 40);
    const closesOn = dayIn("America/New_York", 70);
    const remindOn = new Date(Date.parse(`${closesOn}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Opens on").fill(opensOn);
    await expect(page.getByText("That is today or earlier")).toHaveCount(0);
    await page.getByLabel("Closes on").fill(closesOn);
    await page.getByRole("button", { name: "Create cycle" }).click();

    const card = page.getByRole("listitem").filter({ hasText: CYCLE });
    await expect(card.getByText(`Opens automatically on ${shown(opensOn)} at 00:00 (America/New_York).`)).toBeVisible();
    await expect(card.getByText(`Closes automatically at the end of ${shown(closesOn)} (America/New_York).`)).toBeVisible();
    await expect(card.getByText(`An automatic reminder to those who haven't answered is planned for ${shown(remindOn)}, 09:00.`)).toBeVisible();
    // HR can still open it early.
    await expect(card.getByRole("button", { name: "Open cycle…" })).toBeVisible();
    await expectNoAxeViolations(page, "cycles page with a scheduled draft");
  } finally {
    await page.goto("/admin/settings");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByText("Saved. Cycle dates are now days in Europe/Berlin.")).toBeVisible();
  }
});
