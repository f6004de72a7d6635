import { expect, test } from "@playwright/test";
import { screenshotPath } from "./fixtures";
import { signedIn, userWithoutBackup } from "./support/case-journey";
import { agent } from "./lost-key.testing";

// Journey (issue 13): a case carries a priority and an assignee. The agent sets the priority when opening
// (the case is theirs by default), later hands it back to the pool as urgent, and finds it with the
// list's filters, which live in the URL.

test("an agent opens a case as high priority, then marks it urgent and unassigned, and finds it by filter", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const a = await signedIn(browser, agent);
  const user = await userWithoutBackup(a, false);
  await a.getByRole("radio", { name: /^Damaged\b/ }).check();
  await a.getByLabel("Ticket reference (optional)").fill("INC-E2E-TRIAGE");
  await a.getByLabel("Priority").selectOption("high");
  await expect(a.getByLabel("Assignee")).toHaveValue("");
  await a.getByRole("button", { name: "Open case" }).click();
  await a.waitForURL(/\/cases\/(?!new)[^/?]+$/);
  const caseUrl = new URL(a.url()).pathname;
  const triage = a.getByTestId("case-triage");
  await expect(triage).toContainText("High priority");
  await expect(triage).toContainText("(me)");
  // No ticket system is linked in the demo: the reference is plain text, not a link.
  await expect(a.getByRole("link", { name: "INC-E2E-TRIAGE" })).toHaveCount(0);
  await expect(a.getByText("ticket INC-E2E-TRIAGE")).toBeVisible();

  await triage.getByRole("button", { name: "Change…" }).click();
  const form = a.getByTestId("case-triage-form");
  await form.getByLabel("Priority").selectOption("urgent");
  await form.getByLabel("Assignee").selectOption("");
  await a.screenshot({ path: screenshotPath("case-triage-edit-1280") });
  await form.getByRole("button", { name: "Save assignee and priority" }).click();
  await expect(a.getByTestId("case-triage")).toContainText("Urgent priority · Nobody yet");

  await a.goto("/cases?priority=urgent&assignee=none");
  const row = a.getByRole("table").locator("tbody tr").filter({ hasText: user.name });
  await expect(row).toContainText("Urgent");
  await expect(row).toContainText("Nobody");
  await a.screenshot({ path: screenshotPath("case-triage-list-1280") });
  await a.setViewportSize({ width: 390, height: 844 });
  await a.screenshot({ path: screenshotPath("case-triage-list-390"), fullPage: true });
  await a.goto("/cases?priority=low");
  await expect(a.getByRole("table").locator("tbody tr").filter({ hasText: user.name })).toHaveCount(0);
  await a.goto(caseUrl);
  await expect(a.getByTestId("case-triage")).toContainText("Urgent priority");
});
