import { expect, test, type Page } from "@playwright/test";
import { personas, shootBothWidths, signInAsPersona } from "./fixtures";

// The waves list: each wave's actions (edit, delete, its people) are on screen without scrolling sideways,
// at 1280 px and at 390 px.

// The admin sees every action a wave has (assign keys, people, edit, delete): the widest row.
const admin = personas.find((p) => p.roles.includes("admin"))!;

async function expectActionsOnScreen(page: Page, width: number) {
  const table = page.getByRole("table", { name: "Rollout waves" });
  await expect(table).toBeVisible();
  // Neither the page nor the table's own box scrolls sideways.
  const overflow = await table.evaluate((t) => {
    const box = t.parentElement!;
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: box.scrollWidth - box.clientWidth,
    };
  });
  expect(overflow).toEqual({ page: 0, table: 0 });
  const edits = table.getByRole("button", { name: /^Edit / });
  const deletes = table.getByRole("button", { name: /^Delete / });
  expect(await edits.count()).toBeGreaterThan(0);
  for (const button of [...(await edits.all()), ...(await deletes.all())]) {
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(
      box.x + box.width,
      `${await button.getAttribute("aria-label")} at ${width} px`,
    ).toBeLessThanOrEqual(width);
  }
}

test("every wave's edit and delete buttons are on screen at 1280 px and at 390 px, no sideways scroll", async ({
  page,
}) => {
  await signInAsPersona(page, admin);
  await page.goto("/rollout/waves");
  await expectActionsOnScreen(page, 1280);
  await shootBothWidths(page, "rollout-waves-actions");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectActionsOnScreen(page, 390);
  // At phone width the dates and members fold into the wave's cell.
  const first = page.getByRole("table", { name: "Rollout waves" }).locator("tbody tr").first();
  await expect(first.getByRole("rowheader").getByText(/^Deadline /)).toBeVisible();
  await expect(first.locator("td").getByText(/^Deadline /)).toBeHidden();
});
