import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoUrl, personas, screenshotPath, signInAsPersona } from "./fixtures";

// Journey: the security lead opens the rollout dashboards, drills from a wave's bar into its users,
// exports a chart's CSV, and plans (then removes) a wave.

const lead = personas.find((p) => p.id === "demo-security")!;
const admin = personas.find((p) => p.id === "demo-admin")!;

async function signedIn(browser: Browser, who: typeof lead): Promise<Page> {
  const page = await (
    await browser.newContext({ baseURL: demoUrl(), viewport: { width: 1280, height: 800 } })
  ).newPage();
  await signInAsPersona(page, who);
  return page;
}

test("the security lead reads the dashboards, drills from a wave's bar into its users and exports CSV", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout");
  await expect(page.getByRole("heading", { level: 1, name: "Rollout" })).toBeVisible();
  await expect(page.getByTestId("freshness")).toContainText("Registration report, newest entry");
  const adoption = page.getByTestId("chart-adoption");
  await expect(adoption.locator(".recharts-bar-rectangle").first()).toBeVisible();
  for (const id of [
    "funnel",
    "backup",
    "readiness",
    "trends",
    "registration-times",
    "sign-ins",
    "hygiene",
    "stock",
    "incidents",
  ]) {
    await expect(page.getByTestId(`chart-${id}`)).toBeVisible();
  }
  await page.screenshot({ path: screenshotPath("rollout-dashboard") });
  await page.screenshot({ path: screenshotPath("rollout-dashboard-full"), fullPage: true });

  // The table under the chart counts the same users the drill-down lists.
  await adoption.getByText("Table", { exact: true }).click();
  const firstRow = adoption.locator("tbody tr").first();
  const wave = (await firstRow.locator("th").innerText()).trim();
  const inScope = Number((await firstRow.locator("td").nth(1).innerText()).replace(/\D/g, ""));
  expect(inScope).toBeGreaterThan(0);

  // Export: the chart's rows as a CSV file.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    adoption.getByRole("button", { name: "CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^rollout-adoption-by-wave-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("Users in scope");
  expect(csv).toContain(`${wave},`);

  // Drill: a click on the wave's first bar opens its users.
  await adoption.locator(".recharts-bar-rectangle").first().click();
  await page.waitForURL(/\/users\?wave=.+&state=in_scope/);
  await expect(page.getByTestId("rollout-context")).toContainText(wave);
  await expect(page.getByTestId("table-count")).toContainText(`of ${inScope.toLocaleString("en-GB")} user`);
  await page.screenshot({ path: screenshotPath("rollout-drill-users") });
});

test("the security lead plans a wave from a department filter, sees its members, and deletes it", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout/waves");
  await expect(page.getByRole("navigation", { name: "Rollout" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("rollout-waves") });
  await page.getByRole("button", { name: "New wave" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create wave" }).click();
  await expect(dialog.getByText("Name the wave")).toBeVisible(); // the server's schema, in the browser
  const name = `E2E wave ${Date.now().toString(36)}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Departments and sites").check();
  await dialog.getByRole("group", { name: "Departments" }).getByRole("checkbox").first().check();
  await dialog.getByLabel("Start").fill("2031-01-05");
  await dialog.getByLabel("Registration deadline").fill("2031-02-05");
  await page.screenshot({ path: screenshotPath("rollout-wave-form") });
  await dialog.getByRole("button", { name: "Create wave" }).click();
  await expect(page.getByText(`${name} saved`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Planned");
  await row.getByRole("button", { name: `Delete ${name}` }).click();
  await expect(page.getByRole("dialog")).toContainText("Nothing changes in Entra");
  await page.getByRole("dialog").getByRole("button", { name: "Delete wave" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
});

test("the dashboards refresh by themselves after a sync, without a page reload", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, lead);
  await page.goto("/rollout");
  const freshness = page.getByTestId("freshness");
  const before = await freshness.getAttribute("data-run-id");
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  const operator = await signedIn(browser, admin);
  await operator.goto("/settings/sync");
  await operator.getByTestId("sync-now").click();
  // The page asks for the newest finished sync every 20 s and re-renders when it changed.
  await expect(freshness).not.toHaveAttribute("data-run-id", before ?? "", { timeout: 90_000 });
  expect(
    await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
  ).toBe(true);
});
