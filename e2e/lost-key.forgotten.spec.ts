import { expect, test } from "@playwright/test";
import {
  expectPassGone,
  pickedSerials,
  signedIn,
  step,
  userWithoutBackup,
  verifyIdentity,
} from "./support/case-journey";
import { groundTruth, putInTapPolicy } from "./support/sim-control";
import { agent, shot } from "./lost-key.testing";

// Journey: a forgotten key — nothing is revoked, a short TAP is shown once, the case is closed with a reason.
// Shared personas and screenshots: lost-key.testing.ts.

test("a forgotten key: nothing is revoked, a short TAP is shown once, the agent closes the case with a reason", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await signedIn(browser, agent);
  const user = await userWithoutBackup(a, false);
  await putInTapPolicy(user.id);
  await a.getByRole("radio", { name: /^Forgotten\b/ }).check();
  await expect(a.getByTestId("backup-path")).toContainText("nothing is revoked");
  const serials = await pickedSerials(a);
  await a.getByRole("button", { name: "Open case" }).click();
  await a.waitForURL(/\/cases\/(?!new)[^/?]+$/);
  await expect(a.getByRole("heading", { level: 1 })).toContainText(`Forgotten key — ${user.name}`);
  await expect(a.getByTestId("case-reminder")).toContainText("Close this case when the key is back");
  await expect(a.getByTestId("case-steps").locator("li")).toHaveCount(3); // verify, TAP, close
  await expect(step(a, "Delete the credential in Entra")).toHaveCount(0);

  await verifyIdentity(a, "callback", "Called back the number on record, confirmed date of birth");
  await a.getByRole("button", { name: "Issue Temporary Access Pass…" }).click();
  const dialog = a.getByRole("dialog");
  await expect(dialog.getByLabel("Lifetime (minutes)")).not.toHaveValue("");
  await dialog.getByRole("button", { name: "Create pass in Entra" }).click();
  const pass = (await dialog.getByTestId("tap-value").textContent())!.trim();
  await shot(a, "20-forgotten-tap");
  await dialog.getByRole("button", { name: /Done — close and forget the pass/ }).click();
  await dialog.getByRole("button", { name: "Close and forget the pass", exact: true }).click();
  await expectPassGone(a, pass);

  await a.getByRole("button", { name: "Close case…" }).click();
  await a.getByRole("dialog").getByLabel("Reason").fill("Key back with the user");
  await shot(a, "21-forgotten-close");
  // The pass is still usable: closing revokes it unless the agent unticks the box.
  await expect(a.getByRole("dialog").getByTestId("close-usable-tap")).toBeVisible();
  await a
    .getByRole("dialog")
    .getByRole("button", { name: "Revoke pass and close case", exact: true })
    .click();
  await expect(a.getByTestId("case-status")).toContainText("Closed");
  await expect(a.getByText("Key back with the user")).toBeVisible();
  await expect(a.getByTestId("case-reminder")).toHaveCount(0);
  await shot(a, "22-forgotten-closed", true);
  // What must NOT happen: the key left at home still signs in.
  for (const serial of serials) expect((await groundTruth({ serial }))[0]?.state).toBe("registered");
});
