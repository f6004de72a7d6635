import { expect, test } from "@playwright/test";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";
import { userWithoutKeys } from "./support/users";

// Journey: a helpdesk agent finds a person with the global search box, assigns them a primary and a
// backup key from stock at their office, and sees both on the user page awaiting registration in Entra.
// Then the offboarding queue and the reconciliation view, as the agent sees them.

const helpdesk = personas.find((p) => p.id === "demo-helpdesk")!;

test("an agent searches a user, assigns a primary and a backup key, and sees them on the user page", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, helpdesk);
  const target = await userWithoutKeys(page);

  // From anywhere: the search box in the header.
  await page.goto("/keys");
  const search = page.getByRole("combobox", { name: "Search people and keys" });
  await search.fill(target.name);
  const option = page.getByRole("option").filter({ hasText: target.name }).first();
  await expect(option).toBeVisible();
  await page.screenshot({ path: screenshotPath("assignment-search"), fullPage: false });
  await option.click();
  await page.waitForURL((u) => u.pathname === target.href);
  await expect(page.getByRole("heading", { level: 1, name: target.name })).toBeVisible();

  // Assign: stock at their office is offered first.
  await page.getByRole("button", { name: "Assign key" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Stock at")).toContainText("(their office)");
  const primary = dialog.getByLabel("Primary key");
  await expect(primary.locator("option").nth(1)).toBeAttached();
  if ((await primary.locator("option").count()) < 3) {
    // Not enough stock at their office: take the next site's.
    const site = dialog.getByLabel("Stock at");
    const other = await site
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await site.selectOption(other.find((v) => v !== "")!);
  }
  const primaryValue = await primary.locator("option").nth(1).getAttribute("value");
  await primary.selectOption(primaryValue!);
  const backup = dialog.getByLabel("Backup key");
  const backupValue = await backup.locator("option").nth(1).getAttribute("value");
  await backup.selectOption(backupValue!);
  const primarySerial = ((await primary.locator("option:checked").textContent()) ?? "").split(" · ")[0]!;
  const backupSerial = ((await backup.locator("option:checked").textContent()) ?? "").split(" · ")[0]!;
  expect(primarySerial).not.toBe(backupSerial);
  await page.screenshot({ path: screenshotPath("assignment-dialog"), fullPage: false });
  await dialog.getByRole("button", { name: "Assign key", exact: true }).click();
  await expect(dialog).toBeHidden();

  const held = page.getByTestId("keys-held");
  await expect(held.locator("tbody tr")).toHaveCount(2);
  const primaryRow = held.locator("tr", { hasText: primarySerial });
  const backupRow = held.locator("tr", { hasText: backupSerial });
  await expect(primaryRow).toContainText("Primary");
  await expect(primaryRow).toContainText("Assigned");
  await expect(primaryRow).toContainText("Awaiting registration");
  await expect(primaryRow).toContainText("In person");
  await expect(backupRow).toContainText("Backup");
  await expect(page.getByTestId("user-timeline")).toContainText(`${primarySerial} assigned (primary)`);
  await expect(page.getByTestId("user-timeline")).toContainText(`${backupSerial} assigned (backup)`);
  // The assign button now knows there is a primary.
  await page.getByRole("button", { name: "Assign key" }).click();
  await expect(page.getByRole("dialog").getByLabel("Primary key")).toBeDisabled();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.screenshot({ path: screenshotPath("assignment-user-page"), fullPage: true });

  // The backup comes back unopened: checked in with its condition.
  await backupRow.getByRole("button", { name: "Return…" }).click();
  const returnDialog = page.getByRole("dialog", { name: `Check in ${backupSerial}?` });
  await returnDialog.getByLabel("Condition").selectOption("good");
  await returnDialog.getByRole("button", { name: "Return key" }).click();
  await expect(held.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("user-timeline")).toContainText(`${backupSerial} assignment ended`);
  await page.screenshot({ path: screenshotPath("assignment-user-page-after-return"), fullPage: true });

  // The key page tells the same story.
  await primaryRow.getByRole("link", { name: primarySerial }).click();
  await expect(page.getByRole("heading", { level: 1, name: primarySerial })).toBeVisible();
  // Helpdesk has no audit.read: the key's timeline tells the story without the audit events and actors.
  await expect(page.getByTestId("key-timeline")).toContainText("Assigned to");
  await expect(page.getByTestId("key-timeline")).not.toContainText("keys.assign");

  // The returned backup waits for its FIDO reset; once wiped it is back in stock (the search says so too).
  await page.goto("/users/reconciliation");
  const returnedRow = page.getByTestId("returned-keys").locator("tr", { hasText: backupSerial });
  await expect(returnedRow).toContainText("good");
  await returnedRow.getByRole("button", { name: "Wiped…" }).click();
  await page
    .getByRole("dialog", { name: `${backupSerial} wiped?` })
    .getByRole("button", { name: "Put back in stock" })
    .click();
  await expect(page.getByTestId("returned-keys").locator("tr", { hasText: backupSerial })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Search people and keys" }).fill(backupSerial);
  await expect(page.getByRole("option").filter({ hasText: backupSerial })).toContainText("in stock");
});

test("an agent ships a key: assigned with a handover date, then the shipment with its carrier reference, then delivery", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, helpdesk);
  const target = await userWithoutKeys(page, { fromEnd: true });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByRole("heading", { level: 1, name: target.name })).toBeVisible();

  await page.getByRole("button", { name: "Assign key" }).click();
  const dialog = page.getByRole("dialog");
  const site = dialog.getByLabel("Stock at");
  await expect(site).toContainText("(their office)");
  const primary = dialog.getByLabel("Primary key");
  if ((await primary.locator("option").count()) < 2) {
    const sites = await site
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await site.selectOption(sites.find((v) => v !== "")!);
  }
  await expect(primary.locator("option").nth(1)).toBeAttached();
  await primary.selectOption((await primary.locator("option").nth(1).getAttribute("value"))!);
  const serial = ((await primary.locator("option:checked").textContent()) ?? "").split(" · ")[0]!;
  await dialog.getByLabel("Shipped").check();
  // Not in the future: the date field stops at today.
  await expect(dialog.getByLabel("Assigned on")).toHaveAttribute(
    "max",
    new Date().toISOString().slice(0, 10),
  );
  await dialog.getByLabel("Assigned on").fill(yesterday);
  await expect(dialog.getByLabel(/Carrier and tracking reference/)).toHaveValue("");
  await page.screenshot({ path: screenshotPath("assignment-ship-dialog"), fullPage: false });
  await dialog.getByRole("button", { name: "Assign key", exact: true }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("keys-held").locator("tr", { hasText: serial });
  await expect(row).toContainText("To be shipped");
  await expect(row).toContainText(
    `assigned ${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${yesterday}T12:00:00Z`))}`,
  );
  // Delivery comes after the shipment: only "Record shipment…" is offered now.
  await expect(row.getByRole("button", { name: "Mark delivered…" })).toHaveCount(0);

  await row.getByRole("button", { name: "Record shipment…" }).click();
  const ship = page.getByRole("dialog", { name: `Record the shipment of ${serial}` });
  await ship.getByRole("button", { name: "Record shipment" }).click();
  await expect(ship.getByRole("alert")).toBeVisible(); // the same zod schema as the server: a reference is required
  await ship.getByLabel("Carrier and tracking reference").fill("DHL 00340434161234567890");
  await page.screenshot({ path: screenshotPath("assignment-record-shipment"), fullPage: false });
  await ship.getByRole("button", { name: "Record shipment" }).click();
  await expect(ship).toBeHidden();
  await expect(row).toContainText("DHL 00340434161234567890 · not yet delivered");
  await expect(row.getByRole("button", { name: "Record shipment…" })).toHaveCount(0);
  await expect(page.getByTestId("user-timeline")).toContainText("shipped");
  await page.screenshot({ path: screenshotPath("assignment-shipped"), fullPage: true });
  // A routine step asks plainly (above); reporting a key lost is the destructive kind, and looks it.
  await row.getByRole("button", { name: "Lost…" }).click();
  const lost = page.getByRole("dialog", { name: `Report ${serial}?` });
  await expect(lost.getByRole("button", { name: "Mark as lost" })).toHaveClass(/bg-red-600/);
  await page.screenshot({ path: screenshotPath("assignment-report-lost-dialog"), fullPage: false });
  await lost.getByRole("button", { name: "Cancel" }).click();
  await expect(lost).toBeHidden();

  // The key page shows the same handover and can confirm the delivery.
  await row.getByRole("link", { name: serial }).click();
  await expect(page.getByRole("heading", { level: 1, name: serial })).toBeVisible();
  await expect(page.getByText(/^Shipped .* · DHL 00340434161234567890 · not yet delivered$/)).toBeVisible();
  await page.screenshot({ path: screenshotPath("assignment-key-shipped"), fullPage: false });
  await page.getByRole("button", { name: "Mark delivered…" }).click();
  const deliver = page.getByRole("dialog", { name: `${serial} delivered?` });
  await expect(deliver).toContainText("DHL 00340434161234567890");
  await deliver.getByRole("button", { name: "Mark delivered" }).click();
  await expect(deliver).toBeHidden();
  await expect(page.getByText(/^Delivered .* · DHL 00340434161234567890$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark delivered…" })).toHaveCount(0);
  await expect(page.getByTestId("key-timeline")).not.toContainText("keys.deliver");
  await expect(page.getByText("Who acted on this key is in the audit trail")).toBeVisible();
  await page.screenshot({ path: screenshotPath("assignment-key-delivered"), fullPage: true });
});

test("offboarding queue and reconciliation render for the helpdesk", async ({ page }) => {
  await signInAsPersona(page, helpdesk);
  await page.goto("/users/offboarding");
  await expect(page.getByRole("heading", { level: 1, name: "Offboarding" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("assignment-offboarding"), fullPage: true });
  await page.goto("/users/reconciliation");
  await expect(page.getByRole("heading", { level: 1, name: "Reconciliation" })).toBeVisible();
  await expect(page.getByText(/Follow up: assigned, not registered after \d+ days/)).toBeVisible();
  await page.screenshot({ path: screenshotPath("assignment-reconciliation"), fullPage: true });

  // Wave assignment: a preview per person, confirmed once.
  await page.getByRole("link", { name: "Wave assignment" }).click();
  const wave = page.getByLabel("Wave");
  const firstWave = await wave.locator("option").nth(1).getAttribute("value");
  await wave.selectOption(firstWave!);
  await page.waitForURL(/wave=/);
  await expect(
    page.getByTestId("wave-preview").or(page.getByText("Everyone in this wave has a key")),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath("assignment-wave-preview"), fullPage: true });
});
