import { expect, test } from "@playwright/test";
import type { DestructiveCall } from "@/server/graph/simulator/context";
import { personas, screenshotPath } from "./fixtures";
import { signedIn, step, userWithoutBackup, verifyIdentity } from "./support/case-journey";
import { groundTruth, simControl } from "./support/sim-control";

// Journey (issue 14, finding 1): a lost key whose owner is outside the tenant's TAP policy groups and has
// no other key. The case page says so at the top before anything happens; deleting the credential is
// refused with nothing deleted in Entra; once an Entra admin adds the user to the policy's group, a
// re-check shows a pass can be issued and the same step deletes the credential.

const agent = personas.find((p) => p.id === "demo-helpdesk")!;
const shot = (name: string) => screenshotPath(`recovery-preflight-${name}`);
type Policy = { includeTargets: { id: string; targetType: string; isRegistrationRequired: boolean }[] };

test("a user outside the TAP policy: the case says so first and refuses to delete until the user is added in Entra", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const before = await simControl<Policy>("GET", "policies/tap");
  // A pilot group nobody is in yet, as the policy's only target: the user is certainly outside it.
  const pilot = await simControl<{ id: string }>("POST", "groups", { displayName: "TAP - helpdesk pilot" });
  await simControl("PATCH", "policies/tap", {
    includeTargets: [{ id: pilot.id, targetType: "group", isRegistrationRequired: false }],
  });
  try {
    const a = await signedIn(browser, agent);
    const user = await userWithoutBackup(a, false);
    await a.getByRole("radio", { name: /^Lost\b/ }).check();
    await a.getByRole("button", { name: "Open case" }).click();
    await a.waitForURL(/\/cases\/(?!new)[^/?]+$/);
    const panel = a.getByTestId("preflight");
    await expect(panel.getByTestId("preflight-summary")).toContainText(
      `Revoking would leave ${user.name} with no way to sign in`,
    );
    await expect(panel).toContainText(
      `outside the TAP policy: it includes only TAP - helpdesk pilot. Add ${user.name} to one of these groups in Entra, then re-check.`,
    );
    await expect(panel.getByTestId("stranded-paths")).toContainText(
      "Nothing is deleted until you take one of these paths",
    );
    await a.screenshot({ path: shot("01-stranded"), fullPage: true });

    await verifyIdentity(a, "in_person", "Desk 3, badge checked against the directory photo");
    await simControl("DELETE", "destructive-calls");
    await a.getByRole("button", { name: "Delete credential in Entra…" }).click();
    await a
      .getByRole("dialog")
      .getByRole("button", { name: "Delete credential in Entra", exact: true })
      .click();
    const refusal = a.getByRole("dialog").getByRole("alert");
    await expect(refusal).toContainText("Nothing was deleted");
    await expect(refusal).toContainText("TAP - helpdesk pilot");
    await expect(refusal).not.toContainText("Converged");
    await a.screenshot({ path: shot("02-refused") });
    expect(
      (await simControl<{ value: DestructiveCall[] }>("GET", "destructive-calls")).value.filter(
        (c) => c.kind === "deleteFido2Method",
      ),
    ).toHaveLength(0);
    await a.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

    // The fix is made in Entra; a re-check reads it live.
    await simControl("POST", `groups/${pilot.id}/members`, { userId: user.id });
    await panel.getByRole("button", { name: "Re-check" }).click();
    await expect(panel).toContainText("can be issued");
    await expect(panel.getByTestId("stranded-paths")).toHaveCount(0);
    await a.getByRole("button", { name: "Delete credential in Entra…" }).click();
    await a
      .getByRole("dialog")
      .getByRole("button", { name: "Delete credential in Entra", exact: true })
      .click();
    await expect(step(a, "Delete the credential in Entra").first()).toContainText("Done");
    const deletes = (await simControl<{ value: DestructiveCall[] }>("GET", "destructive-calls")).value.filter(
      (c) => c.kind === "deleteFido2Method",
    );
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.userId).toBe(user.id);
    expect(
      (await groundTruth({ userId: user.id })).find((k) => k.credentialId === deletes[0]!.methodId)?.state,
    ).toBe("removed");
    await a.screenshot({ path: shot("03-after-fix"), fullPage: true });
  } finally {
    await simControl("PATCH", "policies/tap", { includeTargets: before.includeTargets });
  }
});
