import { expect, test, type Page } from "@playwright/test";
import type { DestructiveCall } from "@/server/graph/simulator/context";
import { personas, screenshotPath } from "./fixtures";
import {
  expectPassGone,
  runStep,
  signedIn,
  step,
  userWithoutBackup,
  verifyIdentity,
} from "./support/case-journey";
import { putInTapPolicy, simControl } from "./support/sim-control";

// Journey: the recovery workflow's edges on the demo tenant. A user whose site has no key in stock (set
// by hand on their user page to a new, empty site: the demo tenant's offices all match a site) gets a
// replacement picked by hand (scanned or typed serial), then a TAP; Escape on the pass asks first; closing
// the case with the pass still usable revokes it in Entra.

const agent = personas.find((p) => p.id === "demo-helpdesk")!;
const admin = personas.find((p) => p.id === "demo-admin")!;
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: screenshotPath(`recovery-edges-${name}`), fullPage });

/** One tRPC call over HTTP as the signed-in page (superjson's envelope). */
async function trpc<T>(page: Page, path: string, input: unknown, method: "GET" | "POST" = "GET"): Promise<T> {
  const res =
    method === "GET"
      ? await page.request.get(
          `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        )
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("no stock at the user's site: a replacement picked by hand, a TAP, Escape asks first, closing revokes the usable pass", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const boss = await signedIn(browser, admin);
  const code = `R${Date.now().toString(36).slice(-5).toUpperCase()}`;
  const { id: emptySite } = await trpc<{ id: string }>(
    boss,
    "inventory.createSite",
    { code, name: `Remote ${code}`, kind: "office", city: null, country: null, officeLocation: null },
    "POST",
  );

  const a = await signedIn(browser, agent);
  const user = await userWithoutBackup(a, false);
  await putInTapPolicy(user.id);

  // ── The site, set by hand on the user page (sync keeps it) ──
  await a.goto(`/users/${user.id}`);
  await a.getByTestId("user-site").selectOption(emptySite);
  await expect(a.getByTestId("user-site")).toHaveValue(emptySite);
  await a.reload();
  await expect(a.getByTestId("user-site")).toHaveValue(emptySite);
  await shot(a, "01-site-set-by-hand", true);

  // ── Open the case, verify, revoke, mark ──
  await a.goto(`/cases/new?userId=${user.id}`);
  for (const box of await a.getByTestId("pick-keys").locator("input[type=checkbox]:not(:disabled)").all())
    await box.check();
  await a.getByRole("radio", { name: /^Lost\b/ }).check();
  await a.getByRole("button", { name: "Open case" }).click();
  await a.waitForURL(/\/cases\/(?!new)[^/?]+$/);
  const caseUrl = new URL(a.url()).pathname;
  await verifyIdentity(a, "in_person", "Desk 2, badge checked against the directory photo");
  while (await a.getByRole("button", { name: "Delete credential in Entra…" }).isVisible())
    await runStep(a, "Delete credential in Entra…", "Delete credential in Entra");
  while (await a.getByRole("button", { name: "Mark key lost…" }).isVisible())
    await runStep(a, "Mark key lost…", "Mark key");

  // ── Reserve: nothing at the (empty) site, so the step says so and offers the serial field ──
  await runStep(a, "Reserve a replacement…", "Reserve from stock");
  await expect(step(a, "Reserve a replacement")).toContainText(`No key in stock at ${code}`);
  await expect(a.getByTestId("case-status")).toContainText("Next: Reserve a replacement");
  // The cases list names the same next step as the page.
  await a.goto(`/cases?q=${encodeURIComponent(user.name)}`);
  await expect(a.getByRole("table").locator("tbody tr").first()).toContainText("Reserve a replacement");
  await a.goto(caseUrl);

  const stock = await trpc<{ items: { serial: string; status: string }[] }>(a, "inventory.keys", {
    status: "in_stock",
    pageSize: 100,
  });
  const serial = stock.items.at(-1)!.serial;
  await a.getByRole("button", { name: "Reserve by hand…" }).click();
  const dialog = a.getByRole("dialog");
  await dialog.getByTestId("reserve-serial").fill("NOT-A-KEY-1");
  await dialog.getByRole("button", { name: "Reserve NOT-A-KEY-1", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("No key with serial NOT-A-KEY-1");
  await dialog.getByTestId("reserve-serial").fill(serial.toLowerCase());
  await shot(a, "02-reserve-by-hand");
  await dialog.getByRole("button", { name: `Reserve ${serial}`, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(a.getByTestId("case-replacement")).toContainText(serial);
  await expect(a.getByTestId("case-status")).toContainText("Next: Issue a Temporary Access Pass");
  await shot(a, "03-reserved-by-hand", true);

  // ── TAP: a multi-use pass; Escape asks before the pass is gone ──
  await a.getByRole("button", { name: "Issue Temporary Access Pass…" }).click();
  const tap = a.getByRole("dialog");
  await expect(tap.getByLabel("Lifetime (minutes)")).not.toHaveValue("");
  await tap.getByLabel("Lifetime (minutes)").fill("480");
  await tap.getByLabel(/One-time use/).uncheck();
  await tap.getByRole("button", { name: "Create pass in Entra" }).click();
  const pass = (await tap.getByTestId("tap-value").textContent())!.trim();
  await a.keyboard.press("Escape");
  await expect(tap.getByTestId("tap-close-confirm")).toContainText("The pass will not be shown again");
  await expect(tap.getByTestId("tap-value")).toHaveText(pass);
  await shot(a, "04-tap-escape-asks");
  await tap.getByRole("button", { name: "Keep showing the pass" }).click();
  await expect(tap.getByTestId("tap-close-confirm")).toHaveCount(0);
  await expect(tap.getByTestId("tap-value")).toHaveText(pass);
  await a.keyboard.press("Escape");
  await tap.getByRole("button", { name: "Close and forget the pass", exact: true }).click();
  await expect(a.getByRole("dialog")).toBeHidden();
  await expectPassGone(a, pass);
  await expect(a.getByTestId("entra-taps")).toContainText("Usable");

  // ── Close the case: the usable pass is revoked in Entra by default ──
  await simControl("DELETE", "destructive-calls");
  await a.getByRole("button", { name: "Close case…" }).click();
  const close = a.getByRole("dialog");
  await expect(close.getByTestId("close-usable-tap")).toContainText(
    "still has a usable Temporary Access Pass",
  );
  await expect(close).not.toContainText("Closing changes nothing in Entra");
  await close.getByLabel("Reason").fill("User will collect the key next week; no pass until then");
  await shot(a, "05-close-revokes-pass");
  await close.getByRole("button", { name: "Revoke pass and close case", exact: true }).click();
  await expect(a.getByTestId("case-status")).toContainText("Closed");
  const deletes = (await simControl<{ value: DestructiveCall[] }>("GET", "destructive-calls")).value.filter(
    (c) => c.kind === "deleteTemporaryAccessPass" && c.userId === user.id,
  );
  expect(deletes).toHaveLength(1);
  await expect(a.getByTestId("taps-read-at")).toContainText("Read from Entra");
  await expect(a.getByTestId("entra-taps")).toHaveCount(0);
  await shot(a, "06-closed-pass-revoked", true);
});
