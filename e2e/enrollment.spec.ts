import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";
import { simControl } from "./support/sim-control";
import { addVirtualKey, VIRTUAL_AAGUID } from "./support/virtual-key";

// Journey: a helpdesk agent enrolls keys for a rollout wave at the enrollment station, in real Chromium with
// a virtual security key (DevTools protocol). The simulated tenant's RP id is set to the portal's host: a
// browser runs navigator.credentials.create() only for an RP id its page may claim, and Graph's own
// (login.microsoftonline.com) is not one (docs/ENROLLMENT.md). One key's model is outside the key
// restrictions and is refused before anything is written; two are enrolled (linked as `enrolled` in
// KeyFleet, credentials in the tenant); a reload mid-queue resumes.

const agent = personas.find((p) => p.id === "demo-helpdesk")!;
const YK5_NFC = ["2fc0579f-8113-47ea-b116-bb5a8db9202a", "fa2b99dc-9e39-4257-8f92-4a30d23c4118"];
// The tenant reads the virtual key's AAGUID as a YubiKey 5 NFC, the model the keys being enrolled are recorded as.
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: screenshotPath(`enrollment-${name}`), fullPage });

/** The queue and the sheet have ids in their paths, so the site-wide axe walk reaches them only when a queue exists. */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help}`);
}

/** Serials of keys in stock of one model (from the end of the list: other journeys take from the start). */
async function stockSerials(page: Page, modelId: string, n: number): Promise<string[]> {
  await page.goto(`/keys?status=in_stock&model=${modelId}`);
  const links = page.getByRole("table").getByRole("link").filter({ hasText: /^\d+$/ });
  await expect(links.first()).toBeVisible();
  const serials = await links.allTextContents();
  expect(serials.length).toBeGreaterThanOrEqual(n);
  return serials.slice(-n);
}

test("a helpdesk agent enrolls a wave's queue with a security key: a refused model first, two enrolled, a reload resumes", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await simControl("PATCH", "webauthn", {
    rpId: "localhost",
    aaguidAliases: { [VIRTUAL_AAGUID]: YK5_NFC[0] },
  });
  await simControl("PATCH", "policies/fido2", {
    keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: YK5_NFC },
  });
  try {
    await addVirtualKey(page);

    await signInAsPersona(page, agent);
    const [yk1, yk2] = await stockSerials(page, "model-1", 2); // YubiKey 5 NFC
    const [feitian] = await stockSerials(page, "model-7", 1); // Feitian ePass FIDO2-NFC: not on the allow list
    await expect(page.getByRole("table")).toContainText("ePass FIDO2-NFC");

    // ── A queue for a wave ──
    await page.goto("/enrollment");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Enrollment" }),
    ).toBeVisible();
    await page.getByLabel("Wave", { exact: true }).check();
    await page.getByRole("combobox", { name: "Wave" }).selectOption({ label: "Wave 2 — Finance and Legal" });
    await shot(page, "1-new-queue");
    await page.getByRole("button", { name: "Create queue" }).click();
    await page.waitForURL(/\/enrollment\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Wave 2 — Finance and Legal" })).toBeVisible();
    const queueUrl = page.url();
    const row = (i: number) => page.getByTestId(`item-${i}`);
    const userIdOf = async (i: number) =>
      (await row(i).getByRole("link").getAttribute("href"))!.split("/").pop()!;
    const serialBox = page.getByLabel("Key serial (scan or type)");

    // ── First person: a key whose model the key restrictions do not allow — refused before anything happens ──
    const first = await userIdOf(0);
    const firstBefore = (await simControl<{ value: unknown[] }>("GET", `users/${first}/credentials`)).value
      .length;
    await serialBox.fill(feitian!);
    await page.getByRole("button", { name: "Enroll" }).click();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toHaveText(
      "Feitian ePass FIDO2-NFC is not allowed by the tenant's key restrictions (its AAGUID is not on the allow list), so Entra would refuse it. Use a key of an allowed model, or ask an administrator to allow this model (Entra admin center → Authentication methods → Passkey (FIDO2) → Configure).",
    );
    await expect(row(0)).toContainText("failed");
    await shot(page, "2-refused-model");
    expect((await simControl<{ value: unknown[] }>("GET", `users/${first}/credentials`)).value).toHaveLength(
      firstBefore,
    );
    await row(0).getByRole("button", { name: "Skip" }).click();
    await expect(row(0)).toContainText("skipped");

    // ── Second person: insert the key and touch it ──
    const second = await userIdOf(1);
    await expect(page.getByRole("region", { name: /^Now: / })).toBeVisible();
    await serialBox.fill(yk1!);
    await page.getByRole("button", { name: "Enroll" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Enrolled:" })).toContainText(
      `key ${yk1} is registered in Entra`,
      { timeout: 30_000 },
    );
    await expect(row(1)).toContainText("enrolled");
    await shot(page, "3-enrolled-first");

    // ── A reload mid-queue: progress and the next person come back from the database ──
    await page.reload();
    await expect(page.getByTestId("enrollment-progress")).toContainText("1 done · 0 failed · 1 skipped");
    await expect(row(1)).toContainText(yk1!);
    await expect(page.getByRole("region", { name: /^Now: / })).toContainText(
      await row(2).getByRole("link").innerText(),
    );
    await shot(page, "4-after-reload");
    expect(await seriousAxeViolations(page)).toEqual([]);

    const third = await userIdOf(2);
    await serialBox.fill(yk2!);
    await page.getByRole("button", { name: "Enroll" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Enrolled:" })).toContainText(
      `key ${yk2} is registered in Entra`,
      { timeout: 30_000 },
    );
    await expect(page.getByTestId("enrollment-progress")).toContainText("2 done · 0 failed · 1 skipped");
    await shot(page, "5-enrolled-second", true);

    // ── In Entra (the simulated tenant): one new credential each, of the model the tenant was told ──
    for (const userId of [second, third]) {
      const creds = (
        await simControl<{ value: { id: string; aaGuid: string; createdAt: string }[] }>(
          "GET",
          `users/${userId}/credentials`,
        )
      ).value;
      const recent = creds.filter((c) => Date.now() - Date.parse(c.createdAt) < 5 * 60_000);
      expect(recent).toHaveLength(1);
      expect(recent[0]!.aaGuid).toBe(YK5_NFC[0]);
    }

    // ── In KeyFleet: the keys are linked as enrolled on each person's page ──
    for (const [userId, serial] of [
      [second, yk1],
      [third, yk2],
    ] as const) {
      await page.goto(`/users/${userId}`);
      const keyRow = page
        .getByRole("region", { name: "Keys held" })
        .getByRole("row")
        .filter({ hasText: serial! });
      await expect(keyRow).toContainText("Linked (enrolled)");
      await expect(keyRow).toContainText("Active");
      await expect(
        page
          .getByRole("region", { name: "Entra credentials" })
          .getByRole("row")
          .filter({ hasText: `${serial} (KeyFleet)` }),
      ).toContainText(YK5_NFC[0]!);
    }
    await shot(page, "6-user-page-enrolled");

    // ── The handover sheet: who got which key, no secrets ──
    await page.goto(`${queueUrl}/sheet`);
    const sheet = page.getByTestId("handover-sheet");
    await expect(sheet.getByRole("row")).toHaveCount(3);
    await expect(sheet).toContainText(yk1!);
    await expect(sheet).toContainText(yk2!);
    await expect(sheet).not.toContainText(feitian!);
    await expect(sheet).toContainText("Model supports forced PIN change");
    await shot(page, "7-handover-sheet", true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await simControl("PATCH", "policies/fido2", {
      keyRestrictions: { isEnforced: false, enforcementType: "allow", aaGuids: [] },
    });
    await simControl("PATCH", "webauthn", { rpId: "login.microsoftonline.com" });
  }
});
