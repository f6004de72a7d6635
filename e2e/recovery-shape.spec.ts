import { expect, test, type Page } from "@playwright/test";
import type { DestructiveCall } from "@/server/graph/simulator/context";
import { personas, screenshotPath } from "./fixtures";
import { runStep, signedIn, step, verifyIdentity } from "./support/case-journey";
import { groundTruth, registerKey, simControl } from "./support/sim-control";

// Journey: production's shape on the demo tenant. One demo user works from an office ("Remote") that no
// KeyFleet site was made for, and holds a security key KeyFleet never saw (bought before KeyFleet, in no
// purchase order). An admin creates a site for that office: the user is attached at once, with no
// "Refresh from Entra". The helpdesk's case wizard lists the unknown key by its kind (never "holds no keys
// from KeyFleet"), and the case deletes exactly that credential in Entra.

const agent = personas.find((p) => p.id === "demo-helpdesk")!;
const admin = personas.find((p) => p.id === "demo-admin")!;
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: screenshotPath(`recovery-shape-${name}`), fullPage });
const FEITIAN_EPASS_NFC = "ee041bce-25e5-4cdb-8f86-897fd6418464"; // a real AAGUID; no demo key model claims it

async function trpc<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("an office with no site gets one and its user is attached; a key KeyFleet never saw is listed by kind and revoked through a case", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [remote] = (
    await simControl<{ value: { id: string; displayName: string }[] }>("GET", "users?officeLocation=Remote")
  ).value;
  expect(remote, "the demo tenant has a user whose office matches no site").toBeDefined();
  const user = remote!;

  const a = await signedIn(browser, agent);
  await a.goto(`/users/${user.id}`);
  const site = a.getByTestId("user-site");
  await expect(site).toHaveValue(""); // from their office, not set by hand…
  await expect(site.locator("option:checked")).toHaveText("From their office (none matches)"); // …and none matches
  await shot(a, "01-office-without-site", true);

  // ── The key bought before KeyFleet: registered in Entra by the user, then read by "Refresh from Entra" ──
  const serial = `PERSONAL-${Date.now().toString(36).toUpperCase()}`;
  const { credentialId } = await registerKey(user.id, {
    aaGuid: FEITIAN_EPASS_NFC,
    serial,
    displayName: "My own key",
  });
  await trpc(a, "sync.refreshUser", { userId: user.id });

  // ── An admin creates the site for that office: the user is attached without a refresh ──
  const boss = await signedIn(browser, admin);
  const code = `RM${Date.now().toString(36).slice(-4).toUpperCase()}`;
  await trpc(boss, "inventory.createSite", {
    code,
    name: `Remote workers ${code}`,
    kind: "office",
    city: null,
    country: null,
    officeLocation: "Remote",
  });
  await a.reload();
  await expect(site.locator("option:checked")).toHaveText(`From their office (${code})`);
  await shot(a, "02-site-attached", true);

  // ── The wizard lists the unknown key by kind; the user's KeyFleet key stays their way in ──
  await a.goto(`/cases/new?userId=${user.id}`);
  const loose = a.getByTestId("pick-credentials").locator("li").filter({ hasText: "My own key" });
  await expect(loose).toContainText("Security key (not from KeyFleet)");
  await expect(a.getByText("holds no keys from KeyFleet")).toHaveCount(0);
  await a.getByRole("radio", { name: /^Lost\b/ }).check();
  for (const box of await a.getByTestId("pick-keys").locator("input[type=checkbox]:checked").all())
    await box.uncheck();
  await loose.locator("input[type=checkbox]").check();
  await expect(a.getByTestId("backup-path")).toContainText("can still sign in with");
  await shot(a, "03-wizard-unknown-key", true);
  await a.getByRole("button", { name: "Open case" }).click();
  await a.waitForURL(/\/cases\/(?!new)[^/?]+$/);

  // ── The case deletes exactly that credential in Entra, once ──
  await verifyIdentity(a, "in_person", "Desk 5, badge checked against the directory photo");
  await simControl("DELETE", "destructive-calls");
  await runStep(a, "Delete credential in Entra…", "Delete credential in Entra");
  await expect(step(a, "Delete the credential in Entra").first()).toContainText("Done");
  const deletes = (await simControl<{ value: DestructiveCall[] }>("GET", "destructive-calls")).value.filter(
    (c) => c.kind === "deleteFido2Method",
  );
  expect(deletes.map((d) => [d.userId, d.methodId])).toEqual([[user.id, credentialId]]);
  expect((await groundTruth({ userId: user.id })).find((k) => k.credentialId === credentialId)?.state).toBe(
    "removed",
  );
  // The key KeyFleet knows is untouched: the user still signs in with it.
  expect(
    (await groundTruth({ userId: user.id })).filter(
      (k) => k.credentialId !== credentialId && k.state === "registered",
    ).length,
  ).toBeGreaterThan(0);
  await shot(a, "04-unknown-key-revoked", true);
});
