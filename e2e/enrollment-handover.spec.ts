import { expect, test, type Page } from "@playwright/test";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";
import { putInTapPolicy, simControl } from "./support/sim-control";
import { addVirtualKey, VIRTUAL_AAGUID } from "./support/virtual-key";

// Journey: the handover with a pass (docs/ENROLLMENT.md), in real Chromium. A helpdesk agent hands a key
// over at the desk and issues a one-time Temporary Access Pass, shown once; the person signs in with that
// pass and registers the key themselves with a virtual security key (DevTools protocol) — in the simulated
// tenant, the user's own registration (control: self-service). The desk's watch sees the new credential,
// the agent confirms it is the key in hand, and the person's page shows the key linked as `confirmed`.

const agent = personas.find((p) => p.id === "demo-helpdesk")!;
const YK5_NFC = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
// The tenant reads the virtual key's AAGUID (support/virtual-key.ts) as a YubiKey 5 NFC.
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: screenshotPath(`handover-${name}-1280`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath(`handover-${name}-390`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
};

/** The person's browser at the desk: a virtual key, and navigator.credentials.create() on Graph's options. */
async function registerOwnKey(page: Page, userId: string, pass: string) {
  await addVirtualKey(page);
  const options = await simControl<{ publicKey: Record<string, unknown> }>(
    "POST",
    `users/${userId}/self-service/sign-in`,
    { temporaryAccessPass: pass },
  );
  const answer = await page.evaluate(async (pk) => {
    const bytes = (s: string) =>
      Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const b64url = (b: ArrayBuffer) =>
      btoa(String.fromCharCode(...new Uint8Array(b)))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
    const p = pk as {
      rp: { id: string; name: string };
      user: { id: string; name: string; displayName: string };
      challenge: string;
      pubKeyCredParams: PublicKeyCredentialParameters[];
    };
    const cred = (await navigator.credentials.create({
      publicKey: {
        rp: p.rp,
        user: { ...p.user, id: bytes(p.user.id) },
        challenge: bytes(p.challenge),
        pubKeyCredParams: p.pubKeyCredParams,
        authenticatorSelection: { residentKey: "required", userVerification: "required" },
        attestation: "direct",
      },
    })) as PublicKeyCredential;
    const r = cred.response as AuthenticatorAttestationResponse;
    return {
      id: cred.id,
      response: { clientDataJSON: b64url(r.clientDataJSON), attestationObject: b64url(r.attestationObject) },
    };
  }, options.publicKey);
  return simControl<{ id: string }>("POST", `users/${userId}/self-service/fido2Methods`, {
    publicKeyCredential: answer,
  });
}

test("a helpdesk agent hands a key over with a one-time pass; the person registers it at the desk; the agent confirms it", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await simControl("PATCH", "webauthn", {
    rpId: "localhost",
    aaguidAliases: { [VIRTUAL_AAGUID]: YK5_NFC },
  });
  try {
    await signInAsPersona(page, agent);
    await page.goto(`/keys?status=in_stock&model=model-1`); // YubiKey 5 NFC
    const links = page.getByRole("table").getByRole("link").filter({ hasText: /^\d+$/ });
    await expect(links.first()).toBeVisible();
    const serial = (await links.allTextContents()).at(-3)!;

    // ── A queue of one wave; the desk works its last person ──
    await page.goto("/enrollment");
    await page.getByLabel("Wave", { exact: true }).check();
    await page.getByRole("combobox", { name: "Wave" }).selectOption({ label: "Wave 1 — IT and Security" });
    await page.getByRole("button", { name: "Create queue" }).click();
    await page.waitForURL(/\/enrollment\/[^/]+$/);
    const rows = page.getByTestId("enrollment-items").locator("tbody tr");
    const last = rows.last();
    const userId = (await last.getByRole("link").getAttribute("href"))!.split("/").pop()!;
    const person = await last.getByRole("link").innerText();
    await putInTapPolicy(userId); // the demo TAP policy covers its rollout group only
    await last.getByRole("button", { name: "Do now" }).click();
    await expect(page.getByRole("region", { name: `Now: ${person}` })).toBeVisible();

    await page.getByLabel("Key serial (scan or type)").fill(serial);
    await page.getByRole("button", { name: "Hand over with a pass" }).click();
    const passBox = page.getByTestId("handover-pass");
    await expect(passBox).toBeVisible({ timeout: 30_000 });
    const pass = (await passBox.innerText()).trim();
    expect(pass).toMatch(/^\S{8,}$/);
    await expect(page.getByTestId("handover-watch")).toContainText(`Watching Entra for ${person}`);
    await expect(last).toContainText("has the key and a pass");
    await shot(page, "1-pass-shown");

    // ── The person signs in with the pass and registers the key themselves ──
    const userPage = await context.newPage();
    await userPage.goto("/");
    const created = await registerOwnKey(userPage, userId, pass);
    await userPage.close();
    // A one-time pass is spent: it cannot be used again.
    await expect(
      simControl("POST", `users/${userId}/self-service/sign-in`, { temporaryAccessPass: pass }),
    ).rejects.toThrow(/401/);

    // ── The desk's watch sees it (one read every 15 s); the agent confirms it is the key in hand ──
    const confirm = page.getByRole("button", { name: `This is key ${serial}: link it` });
    await expect(confirm).toBeVisible({ timeout: 40_000 });
    await shot(page, "2-new-key-seen");
    await confirm.click();
    await expect(page.getByRole("status").filter({ hasText: "Linked:" })).toContainText(
      `key ${serial} is the credential ${person} registered`,
    );
    await expect(last).toContainText("registered by the person, confirmed");
    await expect(page.getByTestId("handover-pass")).toHaveCount(0); // the pass is gone from the screen
    await shot(page, "3-confirmed");

    // ── The person's page and the key's page: linked as confirmed, the credential Entra holds ──
    await page.goto(`/users/${userId}`);
    const keyRow = page
      .getByRole("region", { name: "Keys held" })
      .getByRole("row")
      .filter({ hasText: serial });
    await expect(keyRow).toContainText("Linked (confirmed)");
    await expect(keyRow).toContainText("Active");
    await shot(page, "4-user-page");
    await keyRow.getByRole("link", { name: serial }).click();
    await expect(page.getByRole("main")).toContainText("confirmed by an agent at handover");
    const inEntra = (await simControl<{ value: { id: string }[] }>("GET", `users/${userId}/credentials`))
      .value;
    expect(inEntra.map((c) => c.id)).toContain(created.id);
  } finally {
    await simControl("PATCH", "webauthn", { rpId: "login.microsoftonline.com" });
  }
});
