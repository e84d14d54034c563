import { expect, test } from "./support/fixtures";
import { people } from "./support/servers";

// The signed-in pages, reached through the demo sign-in fixture (not the UI).

test("home for someone without a manager (Maya Chen, owner)", async ({ page, signInAs }) => {
  await signInAs(people.maya);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Maya" })).toBeVisible();
  await expect(page.getByText("Chief Executive Officer · Leadership · Brightwater Analytics")).toBeVisible();
  await expect(page.getByRole("region", { name: "My manager" })).toContainText("You have no manager in Tandem.");
  const reports = page.getByRole("region", { name: /^My reports/ });
  await expect(reports.getByRole("listitem")).toHaveCount(5);
  await expect(reports).toContainText("Daniel Okafor");
  await expect(reports).toContainText("Hannah Schmidt");
  await expect(page.getByRole("banner")).toContainText("Brightwater Analytics · Owner");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
});

test("home for someone with no reports", async ({ page, signInAs }) => {
  await signInAs(people.lena);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Lena" })).toBeVisible();
  await expect(page.getByRole("region", { name: "My manager" })).toContainText("Sam Rivera");
  await expect(page.getByRole("region", { name: /^My reports/ })).toContainText("Nobody reports to you in Tandem.");
});

test("people: search narrows the directory, nonsense finds nobody", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();

  const list = page.getByRole("main").getByRole("listitem");
  await expect(list).toHaveCount(38);

  const search = page.getByLabel("Search by name, title, department or email");
  await search.fill("sofia");
  await expect(list).toHaveCount(1);
  await expect(list).toContainText("Sofia Petrov");
  await expect(list).toContainText("sofia.petrov@brightwater.example");
  await expect(page.getByRole("status").filter({ hasText: / found$/ })).toHaveText(/^1 (person|people) found$/);

  await search.fill("department that does not exist zzq");
  await expect(page.getByText("Nobody matches")).toHaveText("Nobody matches “department that does not exist zzq”.");
  await expect(list).toHaveCount(0);

  await search.fill("");
  await expect(list).toHaveCount(38);
});
