import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { people } from "./support/servers";

// 1:1s end to end on the demo organization. Each test works on a pair no other spec touches:
// Sam Rivera ↔ Olivia Brooks (set up here), Sam ↔ Mateo Silva (calendar feed), and the
// showcase pair Aisha Bello ↔ Ben Carter, whose seeded series gets planned from the dashboard.

const sam = "sam.rivera@brightwater.example";
const olivia = "olivia.brooks@brightwater.example";
const ZONE = "Europe/Berlin";

test.use({ timezoneId: ZONE });

/** Local date and time in Berlin `minutesAgo` minutes ago, as the move form wants them. */
function berlinAgo(minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

async function agendaTexts(page: Page) {
  return page.getByRole("list", { name: "Agenda" }).locator("[data-agenda-text]").allTextContents();
}

test("set up a series, apply a template, reorder by keyboard, add an action item and see it carried to the next meeting", async ({ page, signInAs }) => {
  test.setTimeout(120_000);
  await signInAs(sam);
  await page.goto("/");
  await page.getByRole("link", { name: "Set one up with Olivia Brooks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("1:1s with Olivia Brooks");
  await expectNoAxeViolations(page, "pair 1:1s, no series");

  // Weekly on Thursdays at 09:30 Berlin time; the zone defaults to the browser's.
  await expect(page.getByLabel("Time zone")).toHaveValue(ZONE);
  await page.getByLabel("Day").selectOption({ label: "Thursday" });
  await page.getByLabel("Time", { exact: true }).fill("09:30");
  await page.getByRole("button", { name: "Set up our 1:1" }).click();
  await expect(page.getByText("Every Thursday at 09:30 (Europe/Berlin), 30 min")).toBeVisible();
  const upcoming = page.getByRole("region", { name: "Coming up" }).getByRole("listitem");
  await expect(upcoming.first()).toBeVisible();
  expect(await upcoming.count()).toBeGreaterThanOrEqual(4);
  await expectNoAxeViolations(page, "pair 1:1s with a series");

  // The first meeting: a template, then applying it again adds nothing.
  await upcoming.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Agenda" })).toBeVisible();
  await page.getByLabel("Start from a template").selectOption({ label: "Weekly check-in" });
  await page.getByRole("button", { name: "Add its items" }).click();
  await expect(page.getByText(/^Added \d+ items\.$/)).toBeVisible();
  await expect.poll(async () => (await agendaTexts(page)).length).toBeGreaterThanOrEqual(4);
  const afterTemplate = await agendaTexts(page);
  await page.getByRole("button", { name: "Add its items" }).click();
  await expect(page.getByText("Everything in this template is already on the agenda.")).toBeVisible();
  expect(await agendaTexts(page)).toEqual(afterTemplate);

  // Reorder by keyboard: pick up the second item's handle with space, move it up, drop it.
  const second = afterTemplate[1]!.trim();
  const handle = page.getByRole("button", { name: `Reorder: ${second}` });
  await handle.focus();
  // dnd-kit measures the list after each key (animation frames): give it a moment between keys.
  for (const key of ["Space", "ArrowUp", "Space"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(250);
  }
  await expect.poll(async () => (await agendaTexts(page))[0]?.trim()).toBe(second);
  // …and with the Move down button, by Enter.
  await page.getByRole("button", { name: `Move down: ${second}` }).focus();
  const saved = page.waitForResponse((r) => r.url().includes("meetings.reorderAgenda") && r.request().method() === "POST");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await agendaTexts(page))[1]?.trim()).toBe(second);
  // The new order shows at once; reload once the server has it.
  expect((await saved).ok()).toBe(true);
  await page.reload();
  expect((await agendaTexts(page))[1]?.trim()).toBe(second);

  // An item of our own, by typing and Enter.
  await page.getByLabel("Add an agenda item").fill("Conference budget for next year");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Conference budget for next year");

  // An action item for Olivia, shared notes and a private note.
  await page.getByLabel("New action item").fill("Write up the on-call proposal");
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Olivia Brooks" });
  await page.getByRole("button", { name: "Add action item" }).click();
  await expect(page.getByRole("list", { name: "Action items" })).toContainText("Write up the on-call proposal");
  await page.getByLabel(/^Shared notes/).fill("Olivia leads the on-call review.");
  await page.getByLabel(/^Private notes/).fill("SAM-PRIVATE: check in about workload");
  await expect(page.locator('[data-save-status="saved"]')).toHaveCount(2);
  await expectNoAxeViolations(page, "meeting page with agenda, action item and notes");
  await page.screenshot({ path: "test-results/screenshots/meeting-1280.png", fullPage: true });
  const firstMeetingUrl = page.url();

  // We actually met 50 minutes ago: move the meeting there. Once it is over, its open action item
  // belongs to the next meeting and says where it came from.
  await page.getByRole("link", { name: "1:1s with Olivia Brooks" }).click();
  await upcoming.first().getByRole("button", { name: /^Move/ }).click();
  const earlier = berlinAgo(50);
  await page.getByLabel("New date").fill(earlier.date);
  await page.getByLabel(/^New time/).fill(earlier.time);
  await page.getByRole("button", { name: "Move this meeting" }).click();
  // The moved meeting is among the earlier ones now (on a Thursday after 09:30 today's own
  // occurrence is there too, so count the moved one, not the list), and no longer coming up.
  const moved = new URL(firstMeetingUrl).pathname;
  await expect(page.getByRole("region", { name: "Earlier meetings" }).locator(`a[href="${moved}"]`)).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Coming up" }).locator(`a[href="${moved}"]`)).toHaveCount(0);
  await upcoming.first().getByRole("link").click();
  const carried = page.getByRole("list", { name: "Action items" }).getByRole("listitem").filter({ hasText: "Write up the on-call proposal" });
  await expect(carried).toContainText("carried over from");
  await expect(carried).toContainText("Olivia Brooks");
  expect(page.url()).not.toBe(firstMeetingUrl);
  // Done on the new meeting; the earlier meeting no longer lists it.
  await carried.getByRole("checkbox").check();
  await expect(carried.getByRole("checkbox")).toBeChecked();
  await page.goto(firstMeetingUrl);
  await expect(page.getByRole("list", { name: "Action items" })).not.toContainText("Write up the on-call proposal");

  // Olivia sees the agenda and the shared notes, never Sam's private note.
  await page.context().clearCookies();
  await signInAs(olivia);
  await page.goto(firstMeetingUrl);
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Conference budget for next year");
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Olivia leads the on-call review.");
  await expect(page.getByLabel(/^Private notes/)).toHaveValue("");
  expect(await page.content()).not.toContain("SAM-PRIVATE");

  // Someone outside the pair gets "not found".
  await page.context().clearCookies();
  await signInAs(people.lena);
  const res = await page.goto(firstMeetingUrl);
  expect(res?.status()).toBe(404);
});

test("plan our next 1:1 from the pair dashboard", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard with Ben Carter" }).click();
  await page.getByRole("button", { name: "Plan our next 1:1" }).click();
  const status = page.getByRole("status").filter({ hasText: /your 1:1 on/ });
  await expect(status).toBeVisible();
  await page.getByRole("button", { name: "Plan our next 1:1" }).click();
  await expect(status).toContainText("All of it is already on the agenda of");
  await status.getByRole("link").click();
  const agenda = page.getByRole("list", { name: "Agenda" });
  await expect(agenda).toContainText("Trust: we see it differently");
  await expect(agenda).toContainText("Gap");
  await expect(agenda).toContainText("Blind spot");
  await expectNoAxeViolations(page, "meeting planned from gaps");
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: "test-results/screenshots/meeting-360.png", fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a private calendar feed that the person can replace", async ({ page, signInAs }) => {
  await signInAs(sam);
  await page.goto("/");
  await page.getByRole("link", { name: "Set one up with Mateo Silva" }).click();
  await page.getByRole("button", { name: "Set up our 1:1" }).click();
  await expect(page.getByText(/^Every Tuesday at 10:00/)).toBeVisible();

  await page.getByRole("link", { name: "1:1s", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "1:1s" })).toBeVisible();
  await expectNoAxeViolations(page, "/one-on-ones");
  await page.getByRole("button", { name: "Turn on my calendar feed" }).click();
  const feed = page.getByLabel(/^Your feed address/);
  const first = await feed.inputValue();
  expect(first).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/);
  const ics = await page.request.get(first);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toContain("BEGIN:VEVENT");
  expect(body).toContain("Mateo Silva");
  expect(body).toContain("RRULE:FREQ=WEEKLY");

  await page.getByRole("button", { name: "Make a new address" }).click();
  await expect(feed).not.toHaveValue(first);
  expect((await page.request.get(first)).status()).toBe(404);
  expect((await page.request.get(await feed.inputValue())).status()).toBe(200);

  // Reminders: an hour before.
  await page.getByLabel("Email me before each 1:1, with the agenda so far").selectOption({ label: "1 hour before" });
  await page.getByRole("button", { name: "Save reminders" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Email me before each 1:1, with the agenda so far")).toHaveValue("60");
});
