import { expect, type Page } from "@playwright/test";

// What the key-restriction journeys (levers.spec.ts, levers-apply.spec.ts) share.

/**
 * On the key-restrictions page: drafts "block the YubiKey 5 NFC" and previews it. Returns the draft and
 * the preview regions once the preview counts at least one existing credential it would block.
 */
export async function previewBlockingYubiKey5Nfc(page: Page) {
  const draft = page.getByRole("region", { name: "Draft a change" });
  await draft.getByRole("radio", { name: "blocked" }).check();
  await draft
    .getByRole("checkbox", { name: /YubiKey 5 NFC/ })
    .first()
    .check();
  await draft.getByRole("button", { name: "Preview the change" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText(/Existing credentials it would block: [1-9]\d* \(\d+ people\)/);
  return { draft, preview };
}
