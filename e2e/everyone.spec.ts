import { expect, test, type Page } from "@playwright/test";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";

// Issue 13, "Everyone": chart ticks that never overlap, the local-time preference, no empty Select
// column for a role that cannot select, and the pages in dark mode (screenshots kept for review).

const persona = (id: string) => personas.find((p) => p.id === id)!;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Per chart axis, the tick labels whose boxes touch a neighbour's. */
async function overlappingTicks(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const axis of await page.locator("[data-testid^='chart-'] .recharts-cartesian-axis").all()) {
    const ticks = await axis.locator(".recharts-cartesian-axis-tick-value").all();
    const boxes: { text: string; box: Box }[] = [];
    for (const t of ticks) {
      const box = await t.boundingBox();
      if (box && box.width > 0) boxes.push({ text: (await t.textContent()) ?? "", box });
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlaps(boxes[i]!.box, boxes[j]!.box))
          problems.push(`"${boxes[i]!.text}" / "${boxes[j]!.text}"`);
  }
  return problems;
}

for (const width of [1280, 390]) {
  test(`no chart's tick labels overlap at ${width} px`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 900 });
    await signInAsPersona(page, persona("demo-security"));
    await page.goto("/rollout");
    const tick = page.locator("[data-testid^='chart-'] .recharts-cartesian-axis-tick-value");
    await expect(tick.first()).toBeVisible();
    expect(await tick.count()).toBeGreaterThan(20); // the check below looked at real charts
    expect(await overlappingTicks(page)).toEqual([]);
    for (const id of ["trends", "registration-times", "stock"])
      await page
        .getByTestId(`chart-${id}`)
        .screenshot({ path: screenshotPath(`everyone-chart-${id}-${width}`) });
  });
}

test("times show in the browser's local time once chosen, on the server's render and the browser's alike", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({
    timezoneId: "Europe/Berlin",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat/i.test(m.text())) errors.push(m.text());
  });
  await signInAsPersona(page, persona("demo-admin"));
  await page.goto("/audit");
  const firstTime = page.locator("main table tbody tr").first();
  await expect(firstTime).toContainText(/\d{2}:\d{2} UTC/);
  const picker = page.locator("aside").getByLabel("Show times in");
  await expect(picker).toHaveValue("utc");

  await Promise.all([page.waitForEvent("load"), picker.selectOption("local")]);
  await expect(page.locator("aside").getByLabel("Show times in")).toHaveValue("local");
  await expect(firstTime).toContainText(/\d{2}:\d{2} (CET|CEST)/);
  await expect(firstTime).not.toContainText("UTC");
  // The HTML the server sent already says CET: the cookie reached the server render too.
  const html = await (await page.request.get("/audit")).text();
  expect(html).toMatch(/\d{2}:\d{2} (CET|CEST)/);
  await page.screenshot({ path: screenshotPath("everyone-local-time") });

  await Promise.all([
    page.waitForEvent("load"),
    page.locator("aside").getByLabel("Show times in").selectOption("utc"),
  ]);
  await expect(firstTime).toContainText(/\d{2}:\d{2} UTC/);
  expect(errors).toEqual([]);
  await context.close();
});

test("the Select column shows only for a role that can act on a selection", async ({ page }) => {
  await signInAsPersona(page, persona("demo-security"));
  await page.goto("/keys");
  const table = page.getByRole("table", { name: "Security keys" });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Select" })).toHaveCount(0);
  await expect(table.getByRole("checkbox")).toHaveCount(0);
  await expect(table.getByRole("columnheader").first()).toHaveText(/Serial/);

  await page.context().clearCookies();
  await signInAsPersona(page, persona("demo-procurement"));
  await page.goto("/keys");
  await expect(table.getByRole("columnheader", { name: "Select" })).toHaveCount(1);
  await expect(table.getByRole("checkbox").first()).toBeVisible();
});

const DARK_PAGES = ["/", "/keys", "/rollout", "/users", "/cases", "/audit", "/settings/sync"];
for (const width of [1280, 390]) {
  test(`pages in dark mode at ${width} px (screenshots for review)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width, height: 900 });
    await signInAsPersona(page, persona("demo-admin"));
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(body).not.toBe("rgb(248, 250, 252)"); // not the light page background
    for (const path of DARK_PAGES) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const name = path === "/" ? "home" : path.slice(1).replace(/\//g, "-");
      await page.screenshot({
        path: screenshotPath(`dark-${name}-${width}`),
        fullPage: width === 390 ? false : true,
      });
    }
  });
}
