import { expect, test, type Page } from "@playwright/test";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";

// Journey (issue 13): a key's own page offers what the viewer may do to it now. Procurement moves a key
// in stock to another site and retires it; a helpdesk agent checks in a key someone holds, from the key's
// page, which links to its holder. Each action asks first; a retired key offers nothing more.

const procurement = personas.find((p) => p.id === "demo-procurement")!;
const helpdesk = personas.find((p) => p.id === "demo-helpdesk")!;

/** The page of the last key in the list with this status (the end: other journeys take from the start). */
async function lastKeyWith(page: Page, status: string): Promise<string> {
  await page.goto(`/keys?status=${status}&sort=-serial`);
  const link = page.getByRole("table").locator('a[href^="/keys/"]').first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  await page.goto(href);
  return href;
}

test("procurement transfers a key in stock to another site, then retires it; both ask first", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, procurement);
  await lastKeyWith(page, "in_stock");
  const actions = page.getByTestId("key-actions");
  await expect(actions.getByRole("button")).toHaveText(["Transfer…", "Retire…"]);
  const siteBefore = await page
    .locator("dt", { hasText: "Site" })
    .locator("xpath=following-sibling::dd")
    .textContent();

  await actions.getByRole("button", { name: "Transfer…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Transfer key" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Choose the site the key moves to.");
  const to = dialog.getByLabel("To site");
  const target = await to.locator("option").nth(1).textContent();
  await to.selectOption({ index: 1 });
  await page.screenshot({ path: screenshotPath("key-page-transfer-1280") });
  await dialog.getByRole("button", { name: "Transfer key" }).click();
  await expect(dialog).toBeHidden();
  const code = target!.split(" — ")[0]!;
  await expect(page.getByRole("status")).toContainText(`moved to ${code}`);
  const siteAfter = page.locator("dt", { hasText: "Site" }).locator("xpath=following-sibling::dd");
  await expect(siteAfter).toHaveText(code);
  expect(code).not.toBe(siteBefore);

  await actions.getByRole("button", { name: "Retire…" }).click();
  await expect(dialog).toContainText("This cannot be undone");
  await dialog.getByRole("button", { name: "Retire key" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Say why the key is retired");
  await dialog.getByLabel("Reason").fill("Casing cracked at intake");
  await dialog.getByRole("button", { name: "Retire key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("main").getByText("Retired", { exact: true })).toBeVisible();
  await expect(page.getByTestId("key-actions")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("key-page-retired-1280"), fullPage: true });
});

test("a helpdesk agent checks in a held key from its page, which links to the holder", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, helpdesk);
  await lastKeyWith(page, "assigned");
  const holder = page
    .locator("dt", { hasText: "Custodian" })
    .locator("xpath=following-sibling::dd")
    .getByRole("link");
  await expect(holder).toHaveAttribute("href", /^\/users\/.+/);
  const actions = page.getByTestId("key-actions");
  await expect(actions.getByRole("button", { name: "Transfer…" })).toHaveCount(0);

  await actions.getByRole("button", { name: "Check in…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Nothing changes in Entra");
  // Cancelling changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("main").getByText("Assigned", { exact: true })).toBeVisible();

  await actions.getByRole("button", { name: "Check in…" }).click();
  await dialog.getByLabel("Condition").selectOption("worn");
  await dialog.getByRole("button", { name: "Check in key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("main").getByText("Returned", { exact: true })).toBeVisible();
  await expect(
    page.locator("dt", { hasText: "Custodian" }).locator("xpath=following-sibling::dd"),
  ).toHaveText("—");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("key-page-returned-390"), fullPage: true });
});
