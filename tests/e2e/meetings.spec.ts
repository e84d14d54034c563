import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { signInAs as signInAsAt } from "./support/auth";
import { DEMO_URL, people } from "./support/servers";

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
    new Intl.DateTimeFormat("en-CA", {
      timeZone: ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
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
  // …and with the row's menu, by keyboard: Enter opens it on "Move down" ("Move up" is disabled
  // at the top), Enter moves it.
  await page.getByRole("button", { name: `Actions: ${second}` }).focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Move up" })).toBeDisabled();
  await expect(menu.getByRole("menuitem", { name: "Move down" })).toBeFocused();
  const saved = page.waitForResponse((r) => r.url().includes("meetings.reorderAgenda") && r.request().method() === "POST");
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Actions: ${second}` })).toBeFocused();
  await expect.poll(async () => (await agendaTexts(page))[1]?.trim()).toBe(second);
  // The new order shows at once; reload once the server has it.
  expect((await saved).ok()).toBe(true);
  await page.reload();
  expect((await agendaTexts(page))[1]?.trim()).toBe(second);

  // An item of our own, by typing and Enter.
  await page.getByLabel("Add an agenda item").fill("Conference budget for next year");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Conference budget for next year");

  // Edit an agenda item from its menu; the field has the focus.
  await page.getByRole("button", { name: "Actions: Conference budget for next year" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await expect(page.getByLabel("Agenda item", { exact: true })).toBeFocused();
  await page.getByLabel("Agenda item", { exact: true }).fill("Conference budget for next year (travel too)");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Conference budget for next year (travel too)");

  // An action item, first for Sam, then handed to Olivia with a due date by editing it.
  await page.getByLabel("New action item").fill("Write up the on-call draft");
  await page.getByRole("button", { name: "Add action item" }).click();
  const actionItems = page.getByRole("list", { name: "Action items" });
  await expect(actionItems).toContainText("Write up the on-call draft");
  await actionItems.getByRole("button", { name: "Actions: Write up the on-call draft" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit action item: Write up the on-call draft" });
  await expect(edit.getByLabel("Action item")).toBeFocused();
  await edit.getByLabel("Action item").fill("Write up the on-call proposal");
  await edit.getByLabel("Owner").selectOption({ label: "Olivia Brooks" });
  await edit.getByLabel("Due (optional)").fill("2030-01-31");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toHaveCount(0);
  const edited = actionItems.getByRole("listitem").filter({ hasText: "Write up the on-call proposal" });
  await expect(edited).toContainText("Olivia Brooks · due Jan 31, 2030");
  await page.reload();
  await expect(edited).toContainText("Olivia Brooks · due Jan 31, 2030");
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Conference budget for next year (travel too)");
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
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Conference budget for next year (travel too)");
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Olivia leads the on-call review.");
  await expect(page.getByLabel(/^Private notes/)).toHaveValue("");
  expect(await page.content()).not.toContain("SAM-PRIVATE");

  // Someone outside the pair gets "not found".
  await page.context().clearCookies();
  await signInAs(people.lena);
  const res = await page.goto(firstMeetingUrl);
  expect(res?.status()).toBe(404);
});

test("plan our next 1:1 from the pair dashboard: a preview, the largest few chosen, the person's choice added", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard with Ben Carter" }).click();
  await page.getByRole("button", { name: "Plan our next 1:1" }).click();
  const plan = page.getByRole("group", { name: /^Add to your 1:1 on/ });
  await expect(plan).toBeVisible();
  await expectNoAxeViolations(page, "plan preview");
  await page.screenshot({ path: "test-results/screenshots/plan-preview-1280.png", fullPage: true });
  // At most five pre-selected, the largest first; the reflection questions are offered, not chosen.
  const checked = plan.getByRole("checkbox", { checked: true });
  const preselected = await checked.count();
  expect(preselected).toBeGreaterThan(0);
  expect(preselected).toBeLessThanOrEqual(5);
  expect(await plan.getByRole("checkbox").count()).toBeGreaterThan(preselected);
  await expect(plan.getByRole("checkbox", { name: /Trust: we see it differently/ })).toBeChecked();
  await expect(page.getByRole("button", { name: `Add ${preselected} ${preselected === 1 ? "item" : "items"} to the agenda` })).toBeVisible();
  // Aisha adds a reflection question of her own choosing.
  const reflection = plan.getByRole("checkbox", { checked: false }).last();
  await reflection.check();
  const chosen = await plan
    .locator("input[type=checkbox]:checked")
    .evaluateAll((boxes) => boxes.map((b) => document.querySelector(`label[for="${CSS.escape(b.id)}"]`)!.firstChild!.textContent!.trim()));
  expect(chosen).toHaveLength(preselected + 1);
  await page.getByRole("button", { name: `Add ${preselected + 1} items to the agenda` }).click();
  const status = page.getByRole("status").filter({ hasText: /your 1:1 on/ });
  await expect(status).toContainText(`Added ${preselected + 1} items to your 1:1 on`);
  // Again: what is on the agenda now says so and can't be added twice.
  await page.getByRole("button", { name: "Plan our next 1:1" }).click();
  await expect(plan.getByText("(already on the agenda)")).toHaveCount(preselected + 1);
  await expect(plan.getByRole("checkbox", { checked: true, disabled: false })).toHaveCount(0);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: "test-results/screenshots/plan-preview-360.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await plan.getByRole("link", { name: /^your 1:1 on/ }).click();
  const agenda = page.getByRole("list", { name: "Agenda" });
  for (const text of chosen) await expect(agenda).toContainText(text);
  await expect(agenda).toContainText("Gap");
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

test("opened at another address (as a colleague would, at the machine's network address), the meeting page works and the feed points there", async ({
  page,
}) => {
  // No AUTH_URL on the demo server: the address the browser used is the one links are made with.
  const other = DEMO_URL.replace("localhost", "127.0.0.1");
  await signInAsAt(page, people.aisha, other);
  await page.goto(`${other}/one-on-ones`);
  await page.getByRole("button", { name: "Turn on my calendar feed" }).click();
  const feed = await page.getByLabel(/^Your feed address/).inputValue();
  expect(feed.startsWith(`${other}/api/calendar/`)).toBe(true);
  const body = await (await page.request.get(feed)).text();
  expect(body).toContain(`${other}/pairs/`);
  expect(body).not.toContain("localhost");

  // The meeting page: adding an agenda item makes its key in the browser (crypto.randomUUID is
  // missing over plain HTTP at a network address; 127.0.0.1 is a secure context, so take it away).
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, "randomUUID", { value: undefined }));
  await page.goto(`${other}/one-on-ones`);
  // Her own manager (Daniel Okafor, alphabetically after some of her reports) comes first.
  const cards = page.getByRole("main").getByRole("listitem");
  await expect(cards.first()).toContainText("With your manager");
  await expect(cards.first()).toContainText("Daniel Okafor");
  await expect(cards.nth(1)).toContainText("With your report");
  await page
    .getByRole("link", { name: /^Next 1:1:/ })
    .first()
    .click();
  await page.getByLabel("Add an agenda item").fill("Asked for from another machine");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Asked for from another machine");
  const ics = await (await page.request.get(`${new URL(page.url()).pathname.replace("/meetings/", `${other}/api/meetings/`)}/ics`)).text();
  expect(ics).toContain(`${other}/meetings/`);
});
