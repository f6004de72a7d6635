import { expect, test } from "@playwright/test";
import { signInAsPersona } from "./fixtures";
import { agent, admin, security, shot } from "./lost-key.testing";

// Which cases pages each role sees. Shared personas: lost-key.testing.ts.

test("the cases area shows each role only its own pages", async ({ page }) => {
  await signInAsPersona(page, security);
  await page.goto("/cases");
  await expect(page.getByRole("navigation", { name: "Cases" }).getByRole("link")).toHaveText([
    "Cases",
    "Security alerts",
  ]);
  await expect(page.getByRole("link", { name: "New case" })).toHaveCount(0);
  expect((await page.goto("/cases/approvals"))?.status()).toBe(403);
  expect((await page.goto("/cases/new"))?.status()).toBe(403);
  await page.goto("/cases/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Security alerts" })).toBeVisible();

  await page.context().clearCookies();
  await signInAsPersona(page, agent);
  await page.goto("/cases");
  await expect(page.getByRole("navigation", { name: "Cases" }).getByRole("link")).toHaveText([
    "Cases",
    "Approvals",
  ]);
  expect((await page.goto("/cases/alerts"))?.status()).toBe(403);
  expect((await page.goto("/settings/recovery"))?.status()).toBe(403);

  // The verification policy: admins change it, security leads read it.
  await page.context().clearCookies();
  await signInAsPersona(page, admin);
  await page.goto("/settings/recovery");
  await expect(page.getByTestId("policy-summary")).toContainText("Privileged users");
  await shot(page, "30-recovery-policy", true);
  await page.context().clearCookies();
  await signInAsPersona(page, security);
  await page.goto("/settings/recovery");
  await expect(page.getByLabel("Required for everyone")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save policy" })).toHaveCount(0);
});
