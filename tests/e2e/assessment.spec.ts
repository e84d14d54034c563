import type { Browser, Page } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";

// The mirrored assessment, end to end: HR opens a cycle, a report and their manager answer on
// their own screens (with a reload and a dropped connection on the way), and at the second
// submit both see both sets of answers. Nobody else can open them.
//
// The cycle is scoped to Finance (Tomás Alvarez and his two reports, plus Tomás's pair with
// Maya Chen), so the other specs' people are untouched.

const TOMAS = "tomas.alvarez@brightwater.example";
const ANNA = "anna.kowalski@brightwater.example";
const HANNAH = "hannah.schmidt@brightwater.example";
const SOFIA = "sofia.petrov@brightwater.example";
const CYCLE = "E2E Finance check";

async function personPage(browser: Browser, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

/** Answers every question of the current step by clicking the nth option of each group (clamped). */
async function answerStep(page: Page, option: number) {
  const groups = page.getByRole("main").locator("fieldset");
  const count = await groups.count();
  for (let g = 0; g < count; g++) {
    const labels = groups.nth(g).locator("label");
    const n = await labels.count();
    await labels.nth(Math.min(option, n - 1)).click();
  }
}

/** Answers only the first question of the current step, with its nth option. */
async function answerStepPartly(page: Page, option: number) {
  await page.getByRole("main").locator("fieldset").first().locator("label").nth(option).click();
}

/** A date `n` days from today, "YYYY-MM-DD" (a day of margin either way for the organization's zone). */
function daysFromNow(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

const saved = (page: Page) => expect(page.locator('[data-save-status="saved"]')).toBeVisible();

test.describe.configure({ mode: "serial" });

test("HR opens a cycle; both sides answer blind; both see the answers at the second submit", async ({ browser }) => {
  test.setTimeout(180_000);

  // HR creates and opens the cycle.
  const hr = await personPage(browser, HANNAH);
  await hr.goto("/admin/cycles");
  await expectNoAxeViolations(hr, "cycles page");
  await hr.getByLabel("Name").fill(CYCLE);
  // A week ahead: HR opens it early by hand; an open date of today would open by itself within a
  // minute and race the button. The close date is well ahead of the run.
  await hr.getByLabel("Opens on").fill(daysFromNow(7));
  await hr.getByLabel("Closes on").fill(daysFromNow(60));
  await hr.getByLabel("Pairs whose report is in these departments:").check();
  await hr.getByLabel("Finance").check();
  await hr.getByRole("button", { name: "Create cycle" }).click();
  const card = hr.getByRole("listitem").filter({ hasText: CYCLE });
  await card.getByRole("button", { name: "Open cycle…" }).click();
  await card.getByRole("button", { name: `Open “${CYCLE}”` }).click();
  await expect(card.getByText("Pairs invited")).toBeVisible();
  // Three pairs is fewer than k = 5: even the count is withheld.
  await expect(card.locator("dd").first()).toHaveText("fewer than 5 people");
  await expect(card.getByText(/Trends show no figures of this cycle until it closes/)).toBeVisible();
  // On Trends the open cycle says when its figures will appear, and shows none.
  await hr.getByRole("link", { name: "Trends" }).click();
  await hr
    .getByRole("navigation", { name: "Cycles" })
    .getByRole("link", { name: `${CYCLE} (open)` })
    .click();
  await expect(hr.getByText(`${CYCLE} is open. Its figures appear once it closes`)).toBeVisible();
  await expect(hr.getByRole("button", { name: /Export/ })).toHaveCount(0);
  await expect(hr.getByRole("table")).toHaveCount(0);
  await expectNoAxeViolations(hr, "trends of an open cycle");

  // Anna, the report, starts from her home page.
  const anna = await personPage(browser, ANNA);
  await anna.goto("/");
  await anna.getByRole("link", { name: `Start: ${CYCLE} with Tomás Alvarez` }).click();
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText("Your relationship with Tomás Alvarez");
  await expect(anna.getByText("won't see your answers until you have both submitted")).toBeVisible();
  await expect(anna.getByText(/only after .* closes/)).toBeVisible();
  await expect(anna.getByText(/at least \d+ people/)).toBeVisible();
  await expectNoAxeViolations(anna, "assessment intro");
  await anna.getByRole("button", { name: "Start", exact: true }).click();

  // Half the dimensions, then a reload: everything is still there.
  for (let step = 0; step < 4; step++) {
    await answerStep(anna, 1);
    if (step === 0) await expectNoAxeViolations(anna, "assessment step");
    await anna.getByRole("button", { name: "Next →" }).click();
  }
  await saved(anna);
  await anna.reload();
  // Back on the page, she lands on the first unanswered question (Goal alignment), not on "About";
  // the steps she finished are ticked.
  const steps = anna.getByRole("navigation", { name: "Assessment steps" });
  await expect(anna.getByRole("heading", { level: 2 })).toHaveText("Goal alignment");
  await expect(anna.getByText("Welcome back: your answers so far are saved")).toBeVisible();
  await expect(
    anna
      .getByRole("group", { name: /I know Tomás's top priorities for this quarter/ })
      .getByRole("radio")
      .first(),
  ).toBeFocused();
  await expect(steps.getByRole("button", { name: "Trust complete" })).toBeVisible();
  await expect(steps.getByRole("button", { name: "Goal alignment", exact: true })).toBeVisible();
  await expectNoAxeViolations(anna, "assessment resumed");
  await anna.screenshot({ path: "test-results/screenshots/assessment-resumed-1280.png", fullPage: true });
  // A half-done step is marked with how far it got.
  await answerStepPartly(anna, 1);
  await expect(steps.getByRole("button", { name: /^Goal alignment partly answered: 1 of \d+$/ })).toBeVisible();
  await expect(anna.getByText(/^Partly answered: 1 of \d+ questions in this section$/)).toBeVisible();
  await steps.getByRole("button", { name: /^Contact rhythm/ }).click();
  const firstItem = anna.getByRole("group", { name: "We talk often enough for both of us to do our jobs well." });
  await expect(firstItem.getByRole("radio", { name: "Disagree", exact: true })).toBeChecked();
  await expect(anna.getByText(/1\d of 42 answered|2\d of 42 answered/)).toBeVisible();

  // Offline: change an answer, see that it is kept; back online, it is saved.
  await anna.context().setOffline(true);
  await firstItem.getByText("Strongly agree", { exact: true }).click();
  await expect(anna.getByText("You are offline. Your answers are kept on this device")).toBeVisible();
  await anna.context().setOffline(false);
  await saved(anna);
  await anna.reload();
  await steps.getByRole("button", { name: /^Contact rhythm/ }).click();
  await expect(
    anna.getByRole("group", { name: "We talk often enough for both of us to do our jobs well." }).getByRole("radio", { name: "Strongly agree" }),
  ).toBeChecked();

  // The rest, then submit without sharing "choose again".
  await anna.getByRole("button", { name: "Next →" }).click();
  for (let step = 1; step < 9; step++) {
    await answerStep(anna, 1);
    await anna.getByRole("button", { name: "Next →" }).click();
  }
  await answerStep(anna, 2);
  await anna.getByLabel(/What would you like the two of you to talk about/).fill("Month-end close is <b>tight</b> & I'd like help.");
  await anna.getByRole("radio", { name: "No, keep it to myself" }).check();
  await saved(anna);
  await expectNoAxeViolations(anna, "assessment last step");
  await anna.getByRole("button", { name: "Submit…" }).click();
  await anna.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(anna.getByText("Waiting for Tomás.")).toBeVisible();
  const assessmentUrl = anna.url().replace(/\?.*$/, "");

  // Before the reveal, the results do not exist, for Anna or anyone else.
  expect((await anna.goto(`${assessmentUrl}/results`))?.status()).toBe(404);
  for (const email of [HANNAH, SOFIA]) {
    const other = await personPage(browser, email);
    expect((await other.goto(assessmentUrl))?.status(), email).toBe(404);
    expect((await other.goto(`${assessmentUrl}/results`))?.status(), email).toBe(404);
    await other.context().close();
  }

  // Tomás, the manager, sees that Anna has submitted, answers and submits, sharing "choose again".
  const tomas = await personPage(browser, TOMAS);
  await tomas.goto(assessmentUrl);
  await expect(tomas.getByText("Anna has submitted. As soon as you submit, you will both see the answers.")).toBeVisible();
  await expect(tomas.getByText("Month-end close")).toHaveCount(0);
  await tomas.getByRole("button", { name: "Start", exact: true }).click();
  for (let step = 0; step < 9; step++) {
    await answerStep(tomas, 3);
    await tomas.getByRole("button", { name: "Next →" }).click();
  }
  await answerStep(tomas, 3);
  await tomas.getByRole("radio", { name: "Yes, Anna may see it" }).check();
  await saved(tomas);
  await tomas.getByRole("button", { name: "Submit…" }).click();
  await tomas.getByRole("button", { name: "Yes, submit my answers" }).click();

  // The reveal: Tomás lands on the results with Anna's answers; her text shown as typed, escaped.
  await expect(tomas).toHaveURL(`${assessmentUrl}/results`);
  await expect(tomas.getByRole("heading", { level: 1 })).toHaveText("Your results with Anna Kowalski");
  await expect(tomas.getByText("Month-end close is <b>tight</b> & I'd like help.")).toBeVisible();
  await expect(tomas.getByRole("table", { name: "Overall answers of you and Anna" })).toContainText("Anna chose not to share this");
  await expectNoAxeViolations(tomas, "results");

  // Anna sees Tomás's answers at once, including the "choose again" he shared.
  await anna.goto(`${assessmentUrl}/results`);
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText("Your results with Tomás Alvarez");
  const overall = anna.getByRole("table", { name: "Overall answers of you and Tomás" });
  // Anna's own answer ("Not sure") and the one Tomás shared ("Probably").
  await expect(overall.getByRole("row", { name: /would you choose Tomás as your manager/ }).getByRole("cell")).toHaveText(["Not sure", "Probably"]);

  // Home no longer says "No assessments open": it points to the new results.
  await anna.goto("/");
  await expect(anna.getByRole("region", { name: "Assessments" }).getByText("Results ready")).toBeVisible();
  await anna.getByRole("link", { name: `See results: ${CYCLE} with Tomás Alvarez` }).click();
  await expect(anna).toHaveURL(`${assessmentUrl}/results`);

  // HR sees counts only.
  await hr.goto("/admin/cycles");
  const counts = await card.locator("dd").allTextContents();
  expect(counts).toEqual(Array(4).fill("fewer than 5 people"));
  await expect(card).not.toContainText("Anna");
});

test("answers by keyboard alone: Tab to a question, arrows to choose, saved", async ({ page, signInAs: signIn }) => {
  await signIn(ANNA);
  await page.goto("/");
  await page.getByRole("button", { name: "Start a check-in with Tomás" }).click();
  await page.getByRole("button", { name: "Start and email Tomás" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your relationship with Tomás Alvarez");
  await page.getByRole("button", { name: "Start", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Contact rhythm" })).toBeFocused();
  // Tab into the first question's radio group and pick with the arrow keys.
  const first = page.getByRole("group", { name: /how many 1:1 conversations/ });
  for (
    let i = 0;
    i < 30 &&
    !(await first
      .getByRole("radio")
      .first()
      .evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await expect(first.getByRole("radio", { name: "One", exact: true })).toBeChecked();
  await saved(page);
  // Clean up so the pair can start another check-in later.
  await page.getByRole("button", { name: "Cancel this check-in…" }).click();
  await page.getByRole("button", { name: "Yes, cancel it for me and Tomás" }).click();
  await expect(page).toHaveURL("/");
});

test("a past revealed result and the answering screen fit a 360 px phone", async ({ browser }) => {
  const ben = await personPage(browser, "ben.carter@brightwater.example", 360);
  await ben.goto("/");
  await ben.getByRole("link", { name: "Dashboard with Aisha Bello" }).click();
  await ben.getByRole("link", { name: "Every answer, side by side" }).click();
  await expect(ben.getByRole("heading", { level: 1 })).toHaveText("Your results with Aisha Bello");
  expect(await ben.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(ben, "results at 360 px");
});
