import { expect, test } from "@playwright/test";
import { personas, screenshotPath, shootBothWidths, signInAsPersona } from "./fixtures";
import { registerKey, simControl } from "./support/sim-control";

// Journey: Settings → Sync. The admin sees the runs (demo mode filled the database by syncing at boot),
// presses "Sync now", watches the run's progress and sees the new run with its figures. The security lead
// sees the same runs but cannot start one (sync.run is admin only). The admin sees when the next scheduled
// sync runs and may start a full sync, after a confirmation that says what it reads. On a user page, "Refresh from Entra"
// reads one user now: a key the user just registered in Entra shows without waiting for a sync.

const persona = (id: string) => personas.find((p) => p.id === id)!;
const runRows = (page: import("@playwright/test").Page) => page.getByTestId("sync-runs").locator("tbody tr");

test("the admin sees past runs, presses Sync now, watches its progress and sees the new run with its figures", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsPersona(page, persona("demo-admin"));
  await page.goto("/settings/sync");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Directory and registration sync");
  // The boot sync: a full run that mirrored the tenant.
  const boot = runRows(page).filter({ hasText: "full" }).last();
  await expect(boot).toContainText("succeeded");
  await expect(boot.getByRole("cell").nth(5)).not.toHaveText("0/0/0"); // users added by the boot sync
  await page.screenshot({ path: screenshotPath("sync-runs-admin"), fullPage: true });
  const before = await runRows(page).count();

  // The directory audit log (how an incremental run finds whose keys changed) answers slowly once, so the
  // run lasts long enough to watch.
  await simControl("POST", "faults", {
    rules: [{ pathIncludes: "directoryAudits", status: 0, delayMs: 3_000, times: 1 }],
  });
  await page.getByRole("button", { name: "Sync now" }).click();
  const progress = page.getByTestId("sync-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toContainText("Sync running");
  await expect(progress).toContainText("Graph requests");
  // The audit log's first page is held back, so the run is seen at that phase.
  await expect(progress).toContainText("FIDO2 methods of users who may have changed");
  await expect(page.getByRole("button", { name: "Syncing…" })).toBeDisabled();
  await page.screenshot({ path: screenshotPath("sync-progress"), fullPage: true });

  await expect(progress).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled();
  await expect(runRows(page)).toHaveCount(before + 1);
  const latest = runRows(page).first();
  await expect(latest).toContainText("incremental");
  await expect(latest).toContainText("succeeded");
  // Its figures: a duration and the Graph requests it spent (users delta, audit log, policies at least).
  await expect(latest.getByRole("cell").nth(3)).toHaveText(/^\d+\.\d s$/);
  expect(
    Number((await latest.getByRole("cell").nth(4).innerText()).split("\n")[0]!.replace(/\D/g, "")),
  ).toBeGreaterThanOrEqual(3);
  await expect(latest.getByRole("cell").nth(8)).toHaveText("0"); // no errors
  // No error message on the page (Next's route announcer is an empty alert region).
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("sync-run-finished"), fullPage: true });
});

test("the admin sees when the next sync runs; Full sync asks first, naming what it does, then runs a full sync", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const before = Date.now();
  await signInAsPersona(page, persona("demo-admin"));
  await page.goto("/settings/sync");
  // The demo runs the default cadence: every 15 minutes, on the quarter hours (UTC).
  const next = page.getByTestId("sync-next");
  await expect(next).toHaveText(
    /^Next incremental sync: \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:(00|15|30|45) UTC \(every 15 minutes\)$/,
  );
  const shown = Date.parse(
    (await next.innerText()).replace(/^Next incremental sync: (.*), (.*) UTC.*$/, "$1 $2 UTC"),
  );
  expect(shown).toBeGreaterThan(before);
  expect(shown).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  await expect(page.getByTestId("sync-schedule")).toContainText("The registration report is read every hour");
  const runsBefore = await runRows(page).count();

  // Asked first; cancelling starts nothing.
  await page.getByRole("button", { name: "Full sync", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Run a full sync now?" });
  await expect(dialog).toContainText("A full sync re-reads everyone");
  await expect(dialog).toContainText("It only reads; nothing changes in Entra.");
  // The boot sync was a full run, so the estimate comes from it.
  await expect(dialog).toContainText(
    /takes (less than a minute|about \d+ minutes?) for [\d,]+ users, going by the last full sync/,
  );
  await shootBothWidths(page, "sync-full-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("sync-progress")).toHaveCount(0);
  await expect(runRows(page)).toHaveCount(runsBefore);

  await page.getByRole("button", { name: "Full sync", exact: true }).click();
  await dialog.getByRole("button", { name: "Start full sync" }).click();
  await expect(dialog).toBeHidden();
  await expect(runRows(page)).toHaveCount(runsBefore + 1, { timeout: 90_000 });
  const latest = runRows(page).first();
  await expect(latest.getByRole("cell").nth(1)).toHaveText("full");
  await expect(latest).toContainText("succeeded", { timeout: 90_000 });
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
  await shootBothWidths(page, "sync-full-finished");
});

test("the security lead sees the runs but has no Sync now button", async ({ page }) => {
  await signInAsPersona(page, persona("demo-security"));
  await page.goto("/settings/sync");
  await expect(runRows(page).filter({ hasText: "succeeded" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Sync now|Syncing|Full sync/ })).toHaveCount(0);
  await expect(page.getByTestId("sync-next")).toContainText("Next incremental sync:");
  await page.screenshot({ path: screenshotPath("sync-runs-security"), fullPage: true });
});

test("Refresh from Entra on a user page shows a key the user just registered, without a sync", async ({
  page,
}) => {
  await signInAsPersona(page, persona("demo-helpdesk"));
  // Someone already passwordless, from the end of the list (other journeys pick from the start).
  await page.goto("/users?passwordless=yes");
  const links = page.getByRole("table").getByRole("link");
  await expect(links.first()).toBeVisible();
  const href = (
    await links.evaluateAll((as) =>
      as.map((a) => a.getAttribute("href") ?? "").filter((h) => h.startsWith("/users/")),
    )
  ).at(-1)!;
  await page.goto(href);
  const userId = decodeURIComponent(href.slice("/users/".length));
  const credentialRows = page.getByTestId("credentials").locator("tbody tr");
  const before = await credentialRows.count();

  const serial = `E2E${Date.now().toString().slice(-7)}`;
  await registerKey(userId, {
    aaGuid: "cb69481e-8ff7-4039-93ec-0a2729a154a8",
    serial,
    displayName: "E2E refresh key",
  });
  await page.reload();
  await expect(credentialRows).toHaveCount(before); // KeyFleet has not seen it yet

  await page.getByRole("button", { name: "Refresh from Entra" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated: +1" })).toBeVisible();
  await expect(credentialRows).toHaveCount(before + 1);
  await expect(page.getByTestId("credentials")).toContainText("E2E refresh key");
  await page.screenshot({ path: screenshotPath("user-refresh-from-entra"), fullPage: false });

  // Nothing changed since: a second refresh says so.
  await page.getByRole("button", { name: "Refresh from Entra" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Up to date with Entra." })).toBeVisible();
});

test("the security lead, who may not refresh users, has no Refresh from Entra button", async ({ page }) => {
  await signInAsPersona(page, persona("demo-security"));
  await page.goto("/users");
  const first = page.getByRole("table").getByRole("link").first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh from Entra" })).toHaveCount(0);
});
