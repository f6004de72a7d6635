import { expect, test } from "@playwright/test";
import { personas, signInAsPersona } from "./fixtures";

// Forms on the shared useForm check with the server's schema before sending: a bad value is named under
// its own field (the one its input names in aria-describedby) and nothing is saved (no value here ever
// reaches the server).

const admin = personas.find((p) => p.id === "demo-admin")!;
const procurement = personas.find((p) => p.id === "demo-procurement")!;

test("the recovery policy names a too-short pass lifetime under its field and saves nothing", async ({
  page,
}) => {
  await signInAsPersona(page, admin);
  await page.goto("/settings/recovery");
  const lifetime = page.getByLabel("Default lifetime (minutes)");
  const before = await lifetime.inputValue();
  expect(Number(before)).toBeGreaterThanOrEqual(10);
  await lifetime.fill("5");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need fixing." })).toBeVisible();
  await expect(lifetime).toHaveAttribute("aria-invalid", "true");
  const error = page.locator(`[id="${await lifetime.getAttribute("aria-describedby")}"]`);
  await expect(error).toHaveText("Enter 10 or more.");
  await expect(page.getByRole("status")).toHaveCount(0); // no "Saved."
  await page.reload();
  await expect(page.getByLabel("Default lifetime (minutes)")).toHaveValue(before);
});

test("a reorder point that is not a whole number is refused under its own row", async ({ page }) => {
  await signInAsPersona(page, procurement);
  await page.goto("/procurement/sites");
  await page
    .getByRole("link", { name: /reorder points/i })
    .first()
    .click();
  const table = page.getByTestId("reorder-points");
  const input = table.getByRole("textbox").first();
  const before = await input.inputValue();
  await input.fill("2.5");
  await input.press("Enter");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`[id="${await input.getAttribute("aria-describedby")}"]`)).toHaveText(
    "A whole number",
  );
  await expect(table.getByRole("status")).toHaveCount(0); // no "Saved"
  await page.reload();
  await expect(page.getByTestId("reorder-points").getByRole("textbox").first()).toHaveValue(before);
});
