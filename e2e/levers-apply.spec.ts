import { expect, test } from "@playwright/test";
import { personas, shootBothWidths, signInAsPersona } from "./fixtures";
import { previewBlockingYubiKey5Nfc } from "./levers.testing";

// Journey: the security lead drafts a key restriction, reads its preview and asks for it; the admin (a
// second person, in a browser of their own) reads the same preview again on the approval screen and
// approves it, and KeyFleet changes the FIDO2 policy in the demo tenant. The lead cannot decide it.

const lead = personas.find((p) => p.id === "demo-security")!;
const admin = personas.find((p) => p.id === "demo-admin")!;

const shoot = shootBothWidths;

test("a restriction asked for by the security lead is applied only when the admin approves it", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout/key-restrictions");
  const { draft, preview } = await previewBlockingYubiKey5Nfc(page);
  const blocked = (await preview
    .getByRole("heading", { name: /Existing credentials it would block/ })
    .textContent())!;
  await draft.getByLabel(/Why/).fill("YubiKey 5 NFC batch recalled");
  await draft.getByRole("button", { name: "Ask for approval" }).click();
  await expect(draft.getByRole("status").last()).toContainText("An admin other than you approves it");
  await shoot(page, "levers-restriction-asked");
  await draft.getByRole("link", { name: "see the request" }).click();
  await expect(page.getByText("You asked for this change, so another admin approves it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve and apply to Entra" })).toHaveCount(0);
  const url = page.url();

  // The admin, signed in in a browser of their own.
  const adminContext = await browser.newContext();
  const second = await adminContext.newPage();
  await signInAsPersona(second, admin);
  await second.goto(url);
  await expect(second.getByText("YubiKey 5 NFC batch recalled")).toBeVisible();
  const again = second.getByRole("region", { name: "Preview" });
  await expect(again.getByRole("heading", { name: /Existing credentials it would block/ })).toHaveText(
    blocked,
  );
  await shoot(second, "levers-restriction-approval");
  await second.getByRole("button", { name: "Approve and apply to Entra" }).click();
  await second.getByRole("dialog").getByRole("button", { name: "Apply to Entra" }).click();
  // The page reads the request again: applied, by the admin.
  await expect(second.getByText("Applied to Entra").first()).toBeVisible();
  await expect(second.getByText(`Approved by ${admin.name}`)).toBeVisible();

  // The policy in Entra now blocks the model, as read back from the tenant.
  await second.goto("/rollout/key-restrictions");
  const now = second.getByRole("region", { name: "In Entra now" });
  await expect(now).toContainText("Block list enforced");
  await expect(now).toContainText(/Blocked: .*YubiKey 5 NFC/);
  await expect(second.getByText("Applied to Entra").first()).toBeVisible();
  await shoot(second, "levers-restriction-applied");
  await adminContext.close();
});
