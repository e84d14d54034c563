import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

// The meeting page hydrates its agenda first and its action items, notes and template picker
// from chunks of their own (components/meetings/meeting-workspace.tsx); the server renders all
// of it, so the fields take typing before their code has arrived. Nothing typed may be lost and
// no click may go nowhere. These tests hold back the scripts that render those parts until the
// person has typed, then let them through. Pairs no other spec touches, one per test: Zoe Adams
// with Emma Novak and with Luca Romano, Priya Raman with Ravi Shah.

const zoe = "zoe.adams@brightwater.example";
const priya = "priya.raman@brightwater.example";

/** Sets up a weekly 1:1 with `report` and opens its first meeting; returns its address. */
async function firstMeeting(page: Page, report: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("link", { name: `Set one up with ${report}` }).click();
  await page.getByRole("button", { name: "Set up our 1:1" }).click();
  const upcoming = page.getByRole("region", { name: "Coming up" }).getByRole("listitem");
  await upcoming.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Agenda" })).toBeVisible();
  return page.url();
}

/**
 * From now on, every script chunk whose code contains one of `markers` (text the component
 * renders) is held back until `release()`. `seen` resolves once a chunk with each marker has
 * been asked for: the page's own script runs and wants them.
 */
async function holdChunks(page: Page, markers: string[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const found = new Set<string>();
  let allSeen!: () => void;
  const seen = new Promise<void>((resolve) => (allSeen = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const hits = markers.filter((m) => body.includes(m));
    if (hits.length > 0) {
      for (const m of hits) found.add(m);
      if (found.size === markers.length) allSeen();
      await released;
    }
    await route.fulfill({ response, body });
  });
  return { seen, release: () => release(), stop: () => page.unroute("**/_next/static/chunks/**") };
}

/** Types `text` at the end of a field, key by key. */
async function typeAtEnd(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label);
  await field.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
}

test("text typed into the notes and the action item before their chunks hydrate is kept and saved", async ({ page, signInAs }) => {
  test.setTimeout(90_000);
  await signInAs(zoe);
  const url = await firstMeeting(page, "Emma Novak");
  // Notes that already have text: a textarea with text is the one React puts back as it hydrates.
  await page.getByLabel(/^Shared notes/).fill("Agreed: Emma runs the design review.");
  await page.getByLabel(/^Private notes/).fill("ZOE-PRIVATE: ask about the move.");
  await expect(page.locator('[data-save-status="saved"]')).toHaveCount(2);

  const held = await holdChunks(page, ["New action item", "Shared notes"]);
  await page.reload({ waitUntil: "domcontentloaded" });
  await held.seen;
  // The fields are the server's, with nothing behind them yet.
  const addItem = page.getByRole("button", { name: "Add action item" });
  await expect(addItem).toBeDisabled();
  await typeAtEnd(page, /^Shared notes/, " Next one in two weeks.");
  await typeAtEnd(page, /^Private notes/, " She seemed tired.");
  await typeAtEnd(page, "New action item", "Book the review room");
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Agreed: Emma runs the design review. Next one in two weeks.");
  await expect(addItem).toBeDisabled();

  held.release();
  // Hydrated: the notes save what was typed, the form can send it, and all of it still shows.
  await expect(page.locator('[data-save-status="saved"]')).toHaveCount(2);
  await expect(addItem).toBeEnabled();
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Agreed: Emma runs the design review. Next one in two weeks.");
  await expect(page.getByLabel(/^Private notes/)).toHaveValue("ZOE-PRIVATE: ask about the move. She seemed tired.");
  await expect(page.getByLabel("New action item")).toHaveValue("Book the review room");
  await addItem.click();
  await expect(page.getByRole("list", { name: "Action items" })).toContainText("Book the review room");
  await expect(page.getByLabel("New action item")).toHaveValue("");

  // Saved on the server, not only kept on this device.
  await held.stop();
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(url);
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Agreed: Emma runs the design review. Next one in two weeks.");
  await expect(page.getByLabel(/^Private notes/)).toHaveValue("ZOE-PRIVATE: ask about the move. She seemed tired.");
  await expect(page.getByRole("list", { name: "Action items" })).toContainText("Book the review room");
});

test("text typed into the agenda and action item inputs before the page hydrates is kept", async ({ page, signInAs }) => {
  test.setTimeout(90_000);
  await signInAs(zoe);
  const url = await firstMeeting(page, "Luca Romano");

  // Hold the agenda's script: nothing of the page hydrates until it arrives (and the action
  // items' chunk is not even asked for).
  const held = await holdChunks(page, ["Add an agenda item"]);
  // Not waiting for "load": that waits for the held script.
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await held.seen;
  await typeAtEnd(page, "Add an agenda item", "Research plan for Q3");
  await typeAtEnd(page, "New action item", "Send the interview notes");
  held.release();

  const addAgenda = page.getByRole("button", { name: "Add", exact: true });
  await expect(addAgenda).toBeEnabled();
  await expect(page.getByRole("button", { name: "Add action item" })).toBeEnabled();
  await expect(page.getByLabel("Add an agenda item")).toHaveValue("Research plan for Q3");
  await expect(page.getByLabel("New action item")).toHaveValue("Send the interview notes");
  await addAgenda.click();
  await expect(page.getByRole("list", { name: "Agenda" })).toContainText("Research plan for Q3");
  await page.getByRole("button", { name: "Add action item" }).click();
  await expect(page.getByRole("list", { name: "Action items" })).toContainText("Send the interview notes");
});

test("an action item's checkbox is disabled until its chunk hydrates, and a click right after that checks it", async ({ page, signInAs }) => {
  test.setTimeout(90_000);
  await signInAs(priya);
  await firstMeeting(page, "Ravi Shah");
  await page.getByLabel("New action item").fill("Share the survey results");
  await page.getByRole("button", { name: "Add action item" }).click();
  const box = page.getByRole("checkbox", { name: "Share the survey results" });
  await expect(box).toBeVisible();

  const held = await holdChunks(page, ["New action item"]);
  await page.reload({ waitUntil: "domcontentloaded" });
  await held.seen;
  await expect(box).toBeDisabled();
  await expect(box).not.toBeChecked();
  held.release();
  // Enabled only once the click is handled; the click shows at once and is saved. The reload
  // waits for the save's answer: a reload sooner would cancel the request in the browser.
  const saved = page.waitForResponse((r) => r.url().includes("/api/trpc/meetings.updateActionItem") && r.request().method() === "POST");
  await box.click();
  await expect(box).toBeChecked();
  expect((await saved).status()).toBe(200);
  await held.stop();
  await page.reload();
  await expect(box).toBeChecked();
});
