import { expect, test } from "@playwright/test";
import { modelByAaGuid } from "@/server/graph/simulator/catalog";
import type { DestructiveCall } from "@/server/graph/simulator/context";
import {
  expectPassGone,
  pickedSerials,
  runStep,
  signedIn,
  step,
  userWithoutBackup,
  verifyIdentity,
} from "./support/case-journey";
import { groundTruth, registerKey, simControl } from "./support/sim-control";
import { agent, secondAgent, admin, security, shotPath, shot } from "./lost-key.testing";

// Journey: a helpdesk agent handles a lost key for a privileged user end to end — identity verified, a
// second agent approves (four eyes) and is then offered no step that changes Entra, the credential is
// deleted in Entra (the simulated tenant confirms it is gone), a replacement is reserved, the TAP is shown
// once — a third agent acting on a stale view gets a clear CONFLICT — then the simulated user registers the replacement and a sync closes the case.
// A forgotten key: lost-key.forgotten.spec.ts; who sees which cases pages: lost-key.roles.spec.ts.

test("an agent handles a privileged user's lost key end to end: four eyes, revocation, replacement, TAP once, closed by sync", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const a = await signedIn(browser, agent);

  // ── Find the user, pick the key, open the case ──
  const user = await userWithoutBackup(a, true);
  await a.goto("/cases");
  await expect(a.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await shot(a, "01-cases-list");
  await a.getByRole("link", { name: "New case" }).click();
  await a.getByLabel("Name, UPN or serial").fill(user.name);
  const hit = a
    .getByRole("list", { name: "People" })
    .getByRole("link", { name: new RegExp(user.name) })
    .first();
  await expect(hit).toBeVisible();
  await shot(a, "02-wizard-find-user");
  await hit.click();
  await a.waitForURL((u) => u.searchParams.get("userId") === user.id);
  await expect(a.getByTestId("case-user")).toContainText("Privileged");
  for (const box of await a.getByTestId("pick-keys").locator("input[type=checkbox]:not(:disabled)").all())
    await box.check();
  const lostSerials = await pickedSerials(a);
  expect(lostSerials.length).toBeGreaterThan(0);
  await expect(a.getByTestId("backup-path")).toContainText("No other working key");
  await a.getByRole("radio", { name: /^Lost\b/ }).check();
  await a.getByLabel("Ticket reference (optional)").fill("INC-E2E-0042");
  await shot(a, "03-wizard-keys", true);
  await a.getByRole("button", { name: "Open case" }).click();
  await a.waitForURL(/\/cases\/(?!new)[^/?]+$/);
  const caseUrl = new URL(a.url()).pathname;
  await expect(a.getByRole("heading", { level: 1 })).toContainText(`Lost key — ${user.name}`);
  // Every step says what it will do in Entra before it does it.
  await expect(step(a, "Delete the credential in Entra").first().getByTestId("step-preview")).toContainText(
    "Deletes the FIDO2 credential",
  );
  await shot(a, "04-case-opened", true);

  // ── Identity: a method strong enough for a privileged user; evidence is a typed record ──
  const strong = await a
    .getByLabel("How you verified them")
    .locator("option")
    .evaluateAll((os) =>
      os
        .map((o) => o as HTMLOptionElement)
        .filter((o) => o.value && !o.disabled)
        .map((o) => o.value),
    );
  expect(strong).not.toContain("callback");
  await verifyIdentity(
    a,
    "video_id",
    "Teams video call, passport seen (not copied), matches directory photo",
  );

  // ── Four eyes: ask, and the asker cannot decide ──
  await a.getByRole("button", { name: /Ask a second agent to approve/ }).click();
  await expect(step(a, "Second agent approves")).toContainText("Waiting for a second agent");
  await expect(a.getByTestId("case-status")).toContainText("Awaiting approval");
  await shot(a, "05-awaiting-approval", true);
  await a.goto("/cases/approvals");
  await expect(a.getByTestId("approval-request").first()).toContainText("another agent must decide");
  await expect(a.getByRole("button", { name: "Approve…" })).toHaveCount(0);

  const b = await signedIn(browser, secondAgent);
  // The second agent learns of it from the navigation: a count beside Cases that opens the queue.
  const badge = b.getByRole("navigation", { name: "Main" }).getByTestId("nav-badge");
  await expect(badge).toHaveAttribute("href", "/cases/approvals");
  await expect(badge).toContainText(/\d+ approvals? waiting for you to decide/);
  await badge.click();
  await b.waitForURL((u) => u.pathname === "/cases/approvals");
  const request = b.getByTestId("approval-request").filter({ hasText: user.name });
  await expect(request).toContainText("passport seen");
  await shot(b, "06-approvals-queue", true);
  await request.getByRole("button", { name: "Approve…" }).click();
  await expect(b.getByRole("dialog")).toContainText("delete");
  await shot(b, "07-approve-confirm");
  await b.getByRole("dialog").getByRole("button", { name: "Approve recovery", exact: true }).click();
  await expect(b.getByTestId("approval-request").filter({ hasText: user.name })).toHaveCount(0);
  // The approver does not also run what they approved: no Entra button for them.
  await b.goto(caseUrl);
  await expect(b.getByTestId("approver-note").first()).toContainText(
    "another agent runs the steps that change Entra",
  );
  await expect(b.getByRole("button", { name: "Delete credential in Entra…" })).toHaveCount(0);
  await expect(b.getByTestId("case-activity")).toContainText("approved the privileged recovery");
  // A third agent (an admin who took no part) opens the case too, and keeps this (soon stale) view.
  const c = await signedIn(browser, admin);
  await c.goto(caseUrl);
  await expect(c.getByRole("button", { name: "Delete credential in Entra…" })).toBeVisible();

  // ── Revoke: the simulated tenant shows the credential gone ──
  await a.goto(caseUrl);
  await expect(step(a, "Second agent approves")).toContainText("Approved");
  await simControl("DELETE", "destructive-calls");
  await runStep(
    a,
    "Delete credential in Entra…",
    "Delete credential in Entra",
    shotPath("08-revoke-confirm"),
  );
  await expect(step(a, "Delete the credential in Entra").first()).toContainText("Done");
  const [firstLost] = await groundTruth({ serial: lostSerials[0]! });
  expect(firstLost?.state).toBe("removed");
  const deletes = (await simControl<{ value: DestructiveCall[] }>("GET", "destructive-calls")).value.filter(
    (c) => c.kind === "deleteFido2Method",
  );
  expect(deletes).toHaveLength(1);
  expect(deletes[0]!.userId).toBe(user.id);

  // ── The third agent, on the stale view, gets a clear CONFLICT and nothing happens twice ──
  await runStep(c, "Delete credential in Entra…", "Delete credential in Entra");
  await expect(c.getByTestId("case-conflict")).toContainText("Another agent changed case");
  await expect(c.getByTestId("case-conflict")).toBeInViewport();
  await shot(c, "09-second-agent-conflict");
  await c.getByRole("button", { name: "Reload case" }).click();
  await expect(c.getByTestId("case-conflict")).toHaveCount(0);
  await expect(step(c, "Delete the credential in Entra").first()).toContainText("Done");
  expect(
    (await simControl<{ value: DestructiveCall[] }>("GET", "destructive-calls")).value.filter(
      (c) => c.kind === "deleteFido2Method",
    ),
  ).toHaveLength(1);

  // ── Any further keys, then mark them lost, then reserve a replacement at the user's site ──
  while (await a.getByRole("button", { name: "Delete credential in Entra…" }).isVisible())
    await runStep(a, "Delete credential in Entra…", "Delete credential in Entra");
  while (await a.getByRole("button", { name: "Mark key lost…" }).isVisible())
    await runStep(a, "Mark key lost…", "Mark key");
  for (const serial of lostSerials) expect((await groundTruth({ serial }))[0]?.state).toBe("removed");
  await expect(a.getByTestId("case-keys")).toContainText("Lost");
  await runStep(a, "Reserve a replacement…", "Reserve from stock");
  const replacement = a.getByTestId("case-replacement");
  await expect(replacement).toContainText("Reserved");
  const replacementSerial = (await replacement.locator(".font-mono").textContent())!.trim();
  const replacementModel = (await replacement.locator("span.block").textContent())!.split(" · ")[0]!.trim();
  await shot(a, "10-replacement-reserved", true);
  // Handed over at the desk: only a key the user holds can be linked to what they register.
  await runStep(a, "Hand over…", "Hand over key", shotPath("10b-handover"));
  await expect(replacement).toContainText("Assigned");

  // ── TAP: the policy's range is enforced, the pass is shown once with copy and expiry ──
  await a.getByRole("button", { name: "Issue Temporary Access Pass…" }).click();
  const tapDialog = a.getByRole("dialog");
  const lifetime = tapDialog.getByLabel("Lifetime (minutes)");
  await expect(lifetime).not.toHaveValue("");
  const suggested = await lifetime.inputValue();
  await lifetime.fill("1");
  await tapDialog.getByRole("button", { name: "Create pass in Entra" }).click();
  await expect(tapDialog.getByRole("alert")).toContainText("allows a lifetime between");
  await shot(a, "11-tap-out-of-policy");
  await lifetime.fill(suggested);
  await expect(tapDialog.getByLabel(/One-time use/)).toBeChecked();
  await tapDialog.getByRole("button", { name: "Create pass in Entra" }).click();
  const passBox = tapDialog.getByTestId("tap-value");
  await expect(passBox).toBeVisible();
  const pass = (await passBox.textContent())!.trim();
  expect(pass.length).toBeGreaterThanOrEqual(8);
  await expect(tapDialog.getByTestId("tap-expiry")).toContainText(`(${suggested} minutes)`);
  await tapDialog.getByRole("button", { name: "Copy" }).click();
  await expect(tapDialog.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await a.evaluate(() => navigator.clipboard.readText())).toBe(pass);
  await shot(a, "12-tap-shown-once");
  await tapDialog.getByRole("button", { name: /Done — close and forget the pass/ }).click();
  await expect(tapDialog.getByTestId("tap-close-confirm")).toContainText("The pass will not be shown again");
  await tapDialog.getByRole("button", { name: "Close and forget the pass", exact: true }).click();
  await expect(a.getByRole("dialog")).toBeHidden();
  await expectPassGone(a, pass);
  await a.reload();
  await expect(a.getByTestId("entra-taps")).toContainText("Usable");
  await expectPassGone(a, pass);
  await expect(a.getByTestId("case-status")).toContainText("Waiting for registration");
  await shot(a, "13-after-tap", true);

  // ── The user registers the replacement; a sync links it and closes the case ──
  const opener = await signedIn(browser, admin);
  const models = (await (await opener.request.get("/api/trpc/inventory.models")).json()) as {
    result: { data: { json: { productName: string; aaguids: string[] }[] } };
  };
  const aaGuid = models.result.data.json
    .find((m) => m.productName === replacementModel)
    ?.aaguids.find((g) => modelByAaGuid.has(g));
  expect(aaGuid, `an AAGUID the simulator knows for ${replacementModel}`).toBeTruthy();
  // Entra's registration report lags behind registrations (the simulated tenant: 15 minutes) and an
  // incremental sync reads FIDO2 methods only of users the report shows changed: let it catch up now.
  await simControl("POST", "report-lag", { minutes: 0 });
  await registerKey(user.id, { aaGuid: aaGuid!, serial: replacementSerial });
  await opener.goto("/settings/sync");
  const runs = opener.getByTestId("sync-runs").locator("tbody tr");
  const before = await runs.count();
  await opener.getByTestId("sync-now").click();
  await expect(runs).toHaveCount(before + 1, { timeout: 60_000 });
  await expect(runs.first()).toContainText("succeeded", { timeout: 60_000 });
  await expect(opener.getByTestId("sync-now")).toBeEnabled();
  await shot(opener, "14-sync-done");
  await a.reload();
  await expect(a.getByTestId("case-status")).toContainText("Closed");
  await expect(a.getByTestId("case-replacement")).toContainText("Active");
  await expect(step(a, "Close the case")).toContainText("Done");
  await shot(a, "15-case-closed", true);

  // ── Security leads see the privileged TAP among their alerts ──
  const s = await signedIn(browser, security);
  await s.goto("/cases/alerts");
  await expect(s.getByTestId("alerts").locator("tr").filter({ hasText: user.name })).toContainText(
    "TAP for a privileged user",
  );
  await shot(s, "16-security-alerts", true);
  // They read the case, but act on nothing.
  await s.goto(caseUrl);
  await expect(s.getByTestId("case-status")).toContainText("Closed");
  await expect(s.getByTestId("case-steps").getByRole("button")).toHaveCount(0);
});
