import type { Locator, Page } from "@playwright/test";
import { sessionOf, signInAs } from "./support/auth";
import { restartableServer, storedItem } from "./support/fault-server";
import { expect, test } from "./support/fixtures";

// Faults in a person's session (issue 7, part 3), on a demo server this spec owns (port 3108,
// its own embedded database in .data/e2e-faults) so it can stop and restart it: the server goes
// away while answers or a private note are being typed, two tabs answer the same assessment.
// Whatever happens, the person is told what is going on and nothing they entered is lost.

const server = restartableServer(3108, ".data/e2e-faults", { wipe: true });
const SAM = "Sam Rivera";
const email = (first: string, last: string) => `${first}.${last}@brightwater.example`.toLowerCase();

test.use({ baseURL: server.url });
// One worker, in order (the tests share the server, and two of them restart it); unlike
// "serial", a failing test does not skip the ones after it.
test.describe.configure({ mode: "default" });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  await server.start();
});
test.afterAll(async () => {
  test.setTimeout(30_000);
  await server.stop();
});

const status = (page: Page) => page.locator("[data-save-status]");
const saved = (page: Page) => expect(status(page)).toHaveAttribute("data-save-status", "saved", { timeout: 20_000 });
const questions = (page: Page) => page.getByRole("main").locator("fieldset");

/** Answers every question of the current step by clicking its nth option (clamped); returns how many. */
async function answerStep(page: Page, option: number): Promise<number> {
  const count = await questions(page).count();
  for (let g = 0; g < count; g++) {
    const labels = questions(page).nth(g).locator("label");
    await labels.nth(Math.min(option, (await labels.count()) - 1)).click();
  }
  return count;
}

/** Every question of the current step has its nth option (clamped) chosen. */
async function expectStepAnswered(page: Page, option: number) {
  const count = await questions(page).count();
  expect(count).toBeGreaterThan(0);
  for (let g = 0; g < count; g++) {
    const radios = questions(page).nth(g).getByRole("radio");
    await expect(radios.nth(Math.min(option, (await radios.count()) - 1)), `question ${g + 1} of "${await stepHeading(page).textContent()}"`).toBeChecked();
  }
}

const stepHeading = (page: Page) => page.getByRole("main").getByRole("heading", { level: 2 }).first();

async function goToStep(page: Page, name: string) {
  await page
    .getByRole("navigation", { name: "Assessment steps" })
    .getByRole("button", { name: new RegExp(`^${name}`) })
    .click();
  await expect(stepHeading(page)).toHaveText(name);
}

/** Signs `page` in as the report and starts a check-in with their manager Sam from home; returns its id. */
async function startCheckInWithSam(page: Page, reportEmail: string): Promise<string> {
  await signInAs(page, reportEmail, server.url);
  await page.goto("/");
  await page.getByRole("button", { name: "Start a check-in with Sam" }).click();
  await page.getByRole("button", { name: "Start and email Sam" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Your relationship with ${SAM}`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(stepHeading(page)).toHaveText("Contact rhythm");
  return /\/assessments\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

const answeredCount = (page: Page) => page.getByText(/\d+ of \d+ answered/);

test("the server restarts mid-session: the answer given while it was down is kept, said to be unsaved, and saved once it is back", async ({ page }) => {
  test.setTimeout(300_000);
  const assessmentId = await startCheckInWithSam(page, email("lena", "fischer"));

  // Two steps answered and saved.
  let answered = await answerStep(page, 1);
  await saved(page);
  await page.getByRole("button", { name: "Next →" }).click();
  answered += await answerStep(page, 2);
  await saved(page);
  await expect(answeredCount(page)).toContainText(`${answered} of`);

  // The server goes away while the page stays open; the person answers the next step.
  await server.stop();
  await page.getByRole("button", { name: "Next →" }).click();
  const thirdStep = (await stepHeading(page).textContent())!;
  answered += await answerStep(page, 4);
  await expect(status(page)).toHaveAttribute("data-save-status", "retrying");
  await expect(status(page)).toContainText("Not saved yet: the server can't be reached.");
  await expect(status(page)).toContainText("your answers are kept on this device");
  await expect(answeredCount(page)).toContainText(`${answered} of`);
  // Kept on this device, not only in the page's memory.
  const unsaved = JSON.parse((await storedItem(page, `tandem:unsaved:${assessmentId}`)) ?? "{}") as Record<string, unknown>;
  expect(Object.keys(unsaved)).toHaveLength(await questions(page).count());

  // Back on the same data: the retry saves them without the person doing anything.
  await server.start();
  await expect(status(page)).toHaveAttribute("data-save-status", "saved", { timeout: 60_000 });
  expect(await storedItem(page, `tandem:unsaved:${assessmentId}`)).toBeNull();

  // The session signed before the restart still holds, and every answer is on the server.
  const session = await sessionOf(page, server.url);
  expect(session?.user?.email).toBe(email("lena", "fischer"));
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Your relationship with ${SAM}`);
  await expect(answeredCount(page)).toContainText(`${answered} of`);
  await goToStep(page, "Contact rhythm");
  await expectStepAnswered(page, 1);
  await page.getByRole("button", { name: "Next →" }).click();
  await expectStepAnswered(page, 2);
  await goToStep(page, thirdStep);
  await expectStepAnswered(page, 4);
});

test("two tabs answer different questions of one assessment: after both save, a reload shows every answer", async ({ page, context }) => {
  test.setTimeout(180_000);
  await startCheckInWithSam(page, email("kenji", "watanabe"));
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole("button", { name: "Start", exact: true }).click();
  await other.getByRole("button", { name: "Next →" }).click();
  const secondStep = (await stepHeading(other).textContent())!;

  // Interleaved: a question in one tab, then one in the other, each saving as it goes.
  const first = questions(page);
  const second = questions(other);
  const [n1, n2] = [await first.count(), await second.count()];
  for (let g = 0; g < Math.max(n1, n2); g++) {
    if (g < n1) await first.nth(g).locator("label").nth(0).click();
    if (g < n2) await second.nth(g).locator("label").nth(3).click();
  }
  await saved(page);
  await saved(other);

  await page.reload();
  await expect(answeredCount(page)).toContainText(`${n1 + n2} of`);
  await goToStep(page, "Contact rhythm");
  await expectStepAnswered(page, 0);
  await goToStep(page, secondStep);
  await expectStepAnswered(page, 3);
});

test("a private note typed while the server is down is kept on this device and saved once the server is back", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, email("sam", "rivera"), server.url);
  await page.goto("/");
  await page.getByRole("link", { name: "Set one up with Olivia Brooks" }).click();
  await page.getByRole("button", { name: "Set up our 1:1" }).click();
  const upcoming = page.getByRole("region", { name: "Coming up" }).getByRole("listitem");
  await upcoming.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Agenda" })).toBeVisible();
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  const note = page.getByLabel(/^Private notes/);
  const noteStatus: Locator = note.locator("xpath=..").locator("[data-save-status]");
  await note.fill("Before the outage: ask about the on-call load.");
  await expect(noteStatus).toHaveAttribute("data-save-status", "saved");

  await server.stop();
  const typed = "Before the outage: ask about the on-call load.\nDuring the outage: and about the conference budget.";
  await note.fill(typed);
  await expect(noteStatus).toHaveAttribute("data-save-status", "retrying", { timeout: 10_000 });
  await expect(noteStatus).toHaveText("Not saved yet: the server can't be reached. Trying again; your notes are kept on this device.");
  expect(await storedItem(page, `tandem:private-note:${meetingId}`)).toBe(typed);

  await server.start();
  await expect(noteStatus).toHaveAttribute("data-save-status", "saved", { timeout: 60_000 });
  expect(await storedItem(page, `tandem:private-note:${meetingId}`)).toBeNull();
  await page.reload();
  await expect(page.getByLabel(/^Private notes/)).toHaveValue(typed);
});

test("two tabs answer offline and the browser then dies: every answer of both tabs comes back from this device", async ({ page, context }) => {
  test.setTimeout(180_000);
  const assessmentId = await startCheckInWithSam(page, email("mateo", "silva"));
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await other.getByRole("button", { name: "Start", exact: true }).click();
  await other.getByRole("button", { name: "Next →" }).click();
  const secondStep = (await stepHeading(other).textContent())!;

  await context.setOffline(true);
  const n1 = await answerStep(page, 0);
  const n2 = await answerStep(other, 3);
  for (const tab of [page, other]) {
    await expect(status(tab)).toContainText("You are offline. Your answers are kept on this device");
  }

  // Both tabs end without a chance to save (a crash, a killed browser): what is on this device
  // is all there is.
  const stored = JSON.parse((await storedItem(other, `tandem:unsaved:${assessmentId}`)) ?? "{}") as Record<string, unknown>;
  await page.close({ runBeforeUnload: false });
  await other.close({ runBeforeUnload: false });
  await context.setOffline(false);
  expect.soft(Object.keys(stored), "answers kept on this device for both tabs").toHaveLength(n1 + n2);

  const again = await context.newPage();
  await again.goto(url);
  await expect(status(again)).toHaveAttribute("data-save-status", "saved", { timeout: 20_000 });
  await again.reload();
  await expect(answeredCount(again)).toContainText(`${n1 + n2} of`);
  await goToStep(again, "Contact rhythm");
  await expectStepAnswered(again, 0);
  await goToStep(again, secondStep);
  await expectStepAnswered(again, 3);
});
