import { expect, test } from "@playwright/test";
import { personas, shootBothWidths as shoot, signInAsPersona } from "./fixtures";

// Journey: the security lead finds that no mailbox is set (nothing can be sent), sets one and a daily cap
// of three, is refused a template with a pass placeholder, edits the reminder, previews it for a person,
// saves it, and sends reminders after a confirmation that says how many people will get one. The demo's
// waves 1 and 2 are past their deadlines, so people are due.

const lead = personas.find((p) => p.id === "demo-security")!;

test("the security lead edits a reminder, previews it for a person and sends reminders", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout");
  await page.getByRole("link", { name: "Messages" }).click();
  await expect(page).toHaveURL(/\/rollout\/messages$/);
  await expect(page.getByRole("status").filter({ hasText: "No sending mailbox is set" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send reminders now…" })).toBeDisabled();

  // Any mailbox of the demo tenant will do: the first person offered for the preview.
  const person = page.getByLabel("Preview for");
  const first = (await person.locator("option").first().textContent())!;
  const [, name, upn] = /^(.*) \((.*)\)$/.exec(first)!;
  await page.getByLabel("Sending mailbox").fill(upn!);
  await page.getByLabel("Daily cap (reminders)").fill("3");
  await page.getByRole("button", { name: "Save sending settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "No sending mailbox is set" })).toHaveCount(0);

  const templates = page.getByRole("region", { name: "Templates" });
  await templates.getByLabel("Subject").fill("Your {TAP} is ready");
  await expect(templates.getByRole("alert")).toContainText("{TAP} would put a pass, PIN or code in an email");
  await expect(templates.getByRole("button", { name: "Save template" })).toBeDisabled();
  await templates.getByLabel("Subject").fill("Please register your key by {deadline}");
  await templates
    .getByLabel("Message")
    .fill("Dear {displayName},\n\nthe {waveName} deadline was {deadline}.");
  await templates.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = templates.getByRole("article", { name: "Preview" });
  await expect(preview).toContainText(`To: `);
  await expect(preview).toContainText(/Please register your key by \d{1,2} \w+ \d{4}/);
  await expect(preview).toContainText(`Dear ${name},`);
  await expect(preview).not.toContainText("{");
  await templates.getByRole("button", { name: "Save template" }).click();
  await expect(templates.getByText("Template saved.")).toBeVisible();
  await shoot(page, "messages-template-preview");

  await page.getByRole("button", { name: "Send reminders now…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("3 people will get the registration reminder by mail now.");
  await expect(dialog).toContainText(/\d+ (people|person) more (are|is) over today's cap/);
  await shoot(page, "messages-confirm");
  await dialog.getByRole("button", { name: "Send 3 reminders" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent 3." })).toBeVisible();
  const log = page.getByRole("table", { name: "Send log" });
  await expect(log.getByText("Registration reminder")).toHaveCount(3);
  await expect(log.getByText("Sent", { exact: true })).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Send reminders now…" })).toBeDisabled();
  await shoot(page, "messages-sent");
});
