import { expect, test } from "@playwright/test";
import { personas, shootBothWidths, signInAsPersona } from "./fixtures";
import { previewBlockingYubiKey5Nfc } from "./levers.testing";

// Journey: the security lead opens enforcement readiness, sees which wave members would be blocked
// today and who would be locked out at a wave's enforcement date, then drafts a key restriction and reads
// its preview. Reads only: nothing here changes the demo tenant.

const lead = personas.find((p) => p.id === "demo-security")!;

const shoot = shootBothWidths;

test("the security lead reads a wave's readiness, its blocked list and who would be locked out", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout");
  await page.getByRole("link", { name: "Enforcement readiness" }).click();
  await expect(page).toHaveURL(/\/rollout\/readiness$/);
  const waves = page.getByRole("table", { name: "Readiness by wave" });
  await expect(waves.getByRole("link", { name: /Wave 1/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Conditional Access policies" })).toContainText(
    "Require phishing-resistant MFA - Wave 1",
  );
  await shoot(page, "levers-readiness");

  // Wave 1 is under an enforced policy: its "covered, not ready" list is the one to fix first.
  await waves.getByRole("link", { name: /Wave 1/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Wave 1/ })).toBeVisible();
  await page.getByRole("link", { name: /^Covered, not ready \(\d+\)$/ }).click();
  const members = page.getByRole("table", { name: "Wave members" });
  await expect(members.getByText("Covered, not ready").first()).toBeVisible();
  await expect(members.getByText("Covered and ready")).toHaveCount(0);
  await shoot(page, "levers-wave-blocked");

  // Wave 2 enforces in 20 days under a report-only policy: the page names who would be locked out.
  await page.goto("/rollout/readiness");
  await waves.getByRole("link", { name: /Wave 2/ }).click();
  const alert = page.getByTestId("lockout");
  await expect(alert).toContainText("would be locked out");
  await alert.getByRole("link", { name: "See who" }).click();
  await expect(page).toHaveURL(/status=would_lock_out/);
  await expect(members.locator("tbody tr").first()).toBeVisible();
  await expect(members.getByText("Covered and ready")).toHaveCount(0);
  await expect(members.getByText("Ready, not covered")).toHaveCount(0);
});

test("the security lead drafts a key restriction and reads whose keys it would block", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout/key-restrictions");
  await expect(page.getByRole("region", { name: "In Entra now" })).toContainText("Default passkey profile");
  const { preview } = await previewBlockingYubiKey5Nfc(page);
  await expect(preview).toContainText(/YubiKey 5 NFC: [1-9]\d* in stock/);
  await expect(preview.getByRole("status").first()).toContainText("need another key before it is applied");
  await shoot(page, "levers-key-restriction-preview");
});

test("the security lead reads sign-in failures with a security key", async ({ page }) => {
  await signInAsPersona(page, lead);
  await page.goto("/rollout/readiness");
  await page.getByRole("link", { name: "Sign-in failures" }).click();
  await expect(page.getByTestId("failure-total")).toContainText(/\d+ failed sign-ins by \d+ people/);
  await expect(page.getByRole("region", { name: "People failing repeatedly" })).toBeVisible();
  await shoot(page, "levers-sign-in-failures");
});
