import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { tabTo } from "./support/keyboard";

// One whole journey with the keyboard alone (issue 7, part 6): Tab, Shift+Tab, Enter, Space,
// arrow keys and typing; no mouse, and page.goto only for the first page. Jamal Wright (Head of
// Customer Success) and his report Yuki Tanaka, a pair no other spec touches: Jamal signs in,
// starts a check-in with Yuki, answers and submits it; Yuki signs in, answers and submits (the
// reveal), reads their dashboard, sets up their recurring 1:1, and adds and reorders agenda
// items on the next meeting. If a step cannot be done by keyboard, the test stops there.

const JAMAL = "Jamal Wright";
const YUKI = "Yuki Tanaka";

/** Tabs to `target` (which must be on the page) and presses `key` on it. */
async function activate(page: Page, target: Locator, key = "Enter", max = 120) {
  await expect(target).toBeVisible();
  await tabTo(page, target, max);
  await page.keyboard.press(key);
}

/** From /sign-in: opens "Everyone else" and signs in as `name`, by Tab and Enter. */
async function signInByKeyboard(page: Page, name: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Tandem" })).toBeVisible();
  await activate(page, page.getByText(/^Everyone else \(\d+ people\)$/));
  await activate(page, page.getByRole("button", { name: new RegExp(`^Sign in as ${name}`) }));
  await expect(page.getByRole("heading", { level: 1, name: `Hello, ${name.split(" ")[0]}` })).toBeVisible();
}

const questions = (page: Page) => page.getByRole("main").locator("fieldset");
const stepHeading = (page: Page) => page.getByRole("main").getByRole("heading", { level: 2 }).first();

/**
 * Answers the next radio group: Tab into it (focus lands on its first option, none being
 * chosen), Space to choose that, then ArrowRight `moves` times; checks the result.
 */
async function answerGroupByKeyboard(page: Page, group: Locator, moves: number) {
  const radios = group.getByRole("radio");
  const count = await radios.count();
  await page.keyboard.press("Tab");
  await expect(radios.first(), `Tab into "${await group.locator("legend").textContent()}"`).toBeFocused();
  await page.keyboard.press("Space");
  const steps = Math.min(moves, count - 1);
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowRight");
  await expect(radios.nth(steps)).toBeChecked();
}

/** Answers every question of a dimension step from its focused heading, then Next by keyboard. */
async function answerDimensionByKeyboard(page: Page, moves: number) {
  await expect(stepHeading(page)).toBeFocused();
  const groups = questions(page);
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let g = 0; g < count; g++) await answerGroupByKeyboard(page, groups.nth(g), moves);
  const heading = await stepHeading(page).textContent();
  await activate(page, page.getByRole("button", { name: "Next →" }), "Enter", 10);
  await expect(stepHeading(page)).not.toHaveText(heading!);
}

/** Intro, nine dimensions, the last step and the confirmation, all by keyboard. */
async function answerAndSubmitByKeyboard(page: Page, other: string, moves: number, topics: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Your relationship with ${other}`);
  await activate(page, page.getByRole("button", { name: "Start", exact: true }));
  await expect(stepHeading(page)).toHaveText("Contact rhythm");
  await expectNoAxeViolations(page, "assessment step, answered by keyboard");
  while ((await stepHeading(page).textContent()) !== "Last questions") await answerDimensionByKeyboard(page, moves);

  // Last step: two radio groups, the topics text, whether the other may see "choose again".
  await expect(stepHeading(page)).toBeFocused();
  const groups = questions(page);
  await answerGroupByKeyboard(page, groups.nth(0), moves);
  await answerGroupByKeyboard(page, groups.nth(1), moves);
  await page.keyboard.press("Tab");
  const topicsField = page.getByLabel(/What would you like the two of you to talk about/);
  await expect(topicsField).toBeFocused();
  await page.keyboard.type(topics);
  await answerGroupByKeyboard(page, groups.nth(2), 0);
  await expect(page.getByRole("radio", { name: `Yes, ${other.split(" ")[0]} may see it` })).toBeChecked();
  await expect(page.locator('[data-save-status="saved"]')).toBeVisible();

  await activate(page, page.getByRole("button", { name: "Submit…" }), "Enter", 10);
  const confirm = page.getByRole("button", { name: "Yes, submit my answers" });
  await expect(confirm).toBeVisible();
  await activate(page, confirm, "Enter", 5);
}

async function agendaTexts(page: Page) {
  return (await page.getByRole("list", { name: "Agenda" }).locator("[data-agenda-text]").allTextContents()).map((s) => s.trim());
}

test("one whole journey by keyboard only: sign in, both sides answer a check-in, the dashboard, a 1:1 with an agenda reordered", async ({ page }) => {
  test.setTimeout(480_000);

  // Jamal signs in from the sign-in page.
  await page.goto("/sign-in");
  await expectNoAxeViolations(page, "sign-in");
  await signInByKeyboard(page, JAMAL);
  await expectNoAxeViolations(page, "home");

  // He starts a check-in with Yuki from home, answers everything and submits.
  await activate(page, page.getByRole("button", { name: "Start a check-in with Yuki" }));
  // It asks first (Yuki gets an email); the confirming button has the focus.
  await expect(page.getByRole("button", { name: "Start and email Yuki" })).toBeFocused();
  await page.keyboard.press("Enter");
  await answerAndSubmitByKeyboard(page, YUKI, 3, "How the new support rota is working for you.");
  await expect(page.getByText("Waiting for Yuki.")).toBeVisible();
  // Submitted is final: the check-in can no longer be cancelled, by him or by Yuki.
  await expect(page.getByRole("button", { name: /Cancel this check-in/ })).toHaveCount(0);

  // He signs out; Yuki signs in.
  await activate(page, page.getByRole("button", { name: "Sign out" }));
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await signInByKeyboard(page, YUKI);

  // Yuki opens the check-in from her home page, answers and submits: both see the results.
  await activate(page, page.getByRole("link", { name: `Start: Pair check-in with ${JAMAL}` }));
  await expect(page.getByText("Jamal has submitted. As soon as you submit, you will both see the answers.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Cancel this check-in/ })).toHaveCount(0);
  await answerAndSubmitByKeyboard(page, JAMAL, 1, "Training for the new ticketing tool.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Your results with ${JAMAL}`, { timeout: 20_000 });
  await expect(page.getByText("How the new support rota is working for you.")).toBeVisible();
  await expectNoAxeViolations(page, "results");

  // The dashboard, by the header's Home link and the pair's card.
  await activate(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home", exact: true }));
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Yuki" })).toBeVisible();
  await activate(page, page.getByRole("link", { name: `Dashboard with ${JAMAL}` }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`You and ${JAMAL}`);
  for (const heading of ["Where you see things differently", "Dimension by dimension", "What you would like to talk about"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  // The chart's table alternative opens by keyboard too.
  await activate(page, page.getByText("Show as a table").first());
  await expect(page.locator("#gap-table")).toBeVisible();
  await expectNoAxeViolations(page, "pair dashboard");

  // Their 1:1s: a weekly series on Thursdays, the day chosen with the arrow keys.
  await activate(page, page.getByRole("link", { name: "1:1s with Jamal" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`1:1s with ${JAMAL}`);
  await expectNoAxeViolations(page, "pair 1:1s, no series");
  const day = page.getByLabel("Day");
  await expect(day).toHaveValue("2");
  await tabTo(page, day, 40);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(day).toHaveValue("4");
  await activate(page, page.getByRole("button", { name: "Set up our 1:1" }), "Enter", 20);
  await expect(page.getByText(/^Every Thursday at 10:00/)).toBeVisible();

  // The next meeting.
  const upcoming = page.getByRole("region", { name: "Coming up" }).getByRole("listitem");
  await activate(page, upcoming.first().getByRole("link"));
  await expect(page.getByRole("heading", { level: 2, name: "Agenda" })).toBeVisible();

  // Two agenda items, typed and sent with Enter; focus stays in the field for the next one.
  const field = page.getByLabel("Add an agenda item");
  await tabTo(page, field, 60);
  await page.keyboard.type("Budget for the support tooling");
  await page.keyboard.press("Enter");
  await expect.poll(() => agendaTexts(page)).toEqual(["Budget for the support tooling"]);
  await expect(field).toBeFocused();
  await page.keyboard.type("Hiring plan for the first quarter");
  await page.keyboard.press("Enter");
  await expect.poll(() => agendaTexts(page)).toEqual(["Budget for the support tooling", "Hiring plan for the first quarter"]);
  await expectNoAxeViolations(page, "meeting page with an agenda");

  // Reorder: back up to the second item's handle with Shift+Tab, pick it up with Space, move it
  // up with the arrow key, drop it with Space.
  const handle = page.getByRole("button", { name: "Reorder: Hiring plan for the first quarter" });
  for (let presses = 0; presses < 30 && !(await handle.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press("Shift+Tab");
  }
  await expect(handle).toBeFocused();
  // dnd-kit measures the list between keys (animation frames): give it a moment.
  for (const key of ["Space", "ArrowUp", "Space"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(250);
  }
  await expect.poll(() => agendaTexts(page)).toEqual(["Hiring plan for the first quarter", "Budget for the support tooling"]);

  // …and back down with its menu: Enter opens it on "Move up" (disabled at the top, so skipped)
  // — arrow down to "Move down", Enter.
  await activate(page, page.getByRole("button", { name: "Actions: Hiring plan for the first quarter" }), "Enter", 20);
  await expect(page.getByRole("menu")).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Move down" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => agendaTexts(page)).toEqual(["Budget for the support tooling", "Hiring plan for the first quarter"]);
  await expect(page.getByRole("status").filter({ hasText: "moved to position 2 of 2" })).toBeAttached();
});
