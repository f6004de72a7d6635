import { expect, test, type Page } from "@playwright/test";
import { modelByAaGuid } from "@/server/graph/simulator/catalog";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";
import { registerKey } from "./support/sim-control";
import { userWithoutKeys } from "./support/users";

// Journey: a person holds two keys of one model and registers both in Entra. Matching cannot tell which
// credential is which key, so both wait in the match review. The agent reaches the review from
// Reconciliation, links one credential to the key it is, and rejects the other; the queue and the
// person's page then say so.

const agent = personas.find((p) => p.id === "demo-helpdesk")!;

type Stock = { sites: { id: string }[]; keys: { id: string; serial: string; model: string }[] };
async function trpcGet<T>(page: Page, path: string, input: unknown): Promise<T> {
  const r = await page.request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(r.ok(), `${path} answered ${r.status()}`).toBe(true);
  return ((await r.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A site with two keys in stock of one model the simulated tenant knows an AAGUID for. */
async function twoOfOneModel(page: Page, userId: string) {
  const models = await trpcGet<{ productName: string; aaguids: string[] }[]>(
    page,
    "inventory.models",
    undefined,
  );
  const aaGuidOf = (name: string) =>
    models.find((m) => m.productName === name)?.aaguids.find((g) => modelByAaGuid.has(g));
  const { sites } = await trpcGet<Stock>(page, "assignment.stock", { userId });
  for (const site of sites) {
    const { keys } = await trpcGet<Stock>(page, "assignment.stock", { userId, siteId: site.id });
    for (const k of keys) {
      const twin = keys.find((o) => o.id !== k.id && o.model === k.model);
      const aaGuid = aaGuidOf(k.model);
      if (twin && aaGuid) return { siteId: site.id, keys: [k, twin] as const, aaGuid };
    }
  }
  throw new Error("no site holds two keys of one known model");
}

test("an agent links one queued credential to its key and rejects another; queue and user page show it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signInAsPersona(page, agent);
  // Past the first such person: the assignment journey takes that one.
  const user = await userWithoutKeys(page, { skip: 1 });
  const { siteId, keys, aaGuid } = await twoOfOneModel(page, user.id);
  const [first, second] = keys;

  // Both keys handed over in person, now.
  await page.getByRole("button", { name: "Assign key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Stock at").selectOption(siteId);
  await dialog.getByLabel("Primary key").selectOption(first.id);
  await dialog.getByLabel("Backup key").selectOption(second.id);
  await dialog.getByRole("button", { name: "Assign key", exact: true }).click();
  await expect(dialog).toBeHidden();
  const held = page.getByTestId("keys-held");
  await expect(held.locator("tbody tr")).toHaveCount(2);

  // The person registers both keys in Entra; a refresh reads them and matching queues both for review.
  await registerKey(user.id, { aaGuid, serial: first.serial, displayName: "Desk key" });
  await registerKey(user.id, { aaGuid, serial: second.serial, displayName: "Spare key" });
  await page.getByTestId("refresh-from-entra").click();
  await expect(page.getByText(/^Updated: \+2 \/ -0 credentials\.$/)).toBeVisible({ timeout: 60_000 });
  await expect(held.locator("tr", { hasText: first.serial })).toContainText("Awaiting registration");

  // From Reconciliation to the match review.
  await page.goto("/users/reconciliation");
  await page.getByRole("link", { name: "match review", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/users/match-review");
  // The newest reviews are on the last page of the queue (oldest first).
  const lastPage = page.getByRole("link", { name: "Last page" });
  if (await lastPage.isVisible()) await lastPage.click();
  const ours = page.getByTestId("match-review").filter({ hasText: user.name });
  await expect(ours).toHaveCount(2);
  const desk = ours.filter({ hasText: "Desk key" });
  const spare = ours.filter({ hasText: "Spare key" });
  await expect(desk.getByRole("link", { name: first.serial })).toBeVisible();
  await expect(desk.getByRole("link", { name: second.serial })).toBeVisible();
  await page.screenshot({ path: screenshotPath("match-review-queue"), fullPage: true });

  // "Desk key" is the first key (the serial read at the desk).
  await desk.getByRole("button", { name: `This is ${first.serial}…` }).click();
  const link = page.getByRole("dialog", { name: `Link this credential to ${first.serial}?` });
  await link.getByRole("button", { name: `Link to ${first.serial}` }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `${user.name}'s credential is now linked to ${first.serial}.` }),
  ).toBeVisible();
  await expect(desk).toHaveCount(0);
  await expect(spare).toHaveCount(1);

  // "Spare key" is not one the agent can vouch for: rejected, it stays unlinked.
  await spare.getByRole("button", { name: "Not any of these…" }).click();
  await page
    .getByRole("dialog", { name: "Reject this match review?" })
    .getByRole("button", { name: "Reject review" })
    .click();
  await expect(
    page.getByRole("status").filter({ hasText: `The review of ${user.name}'s credential is rejected` }),
  ).toBeVisible();
  await expect(ours).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("match-review-decided"), fullPage: true });
  await page.reload();
  await expect(page.getByTestId("match-review").filter({ hasText: user.name })).toHaveCount(0);

  // The person's page: the desk credential is the first key, now active; the spare credential has no key.
  await page.goto(user.href);
  const credentials = page.getByTestId("credentials");
  await expect(credentials.locator("tr", { hasText: "Desk key" }).getByRole("link")).toHaveText(first.serial);
  await expect(credentials.locator("tr", { hasText: "Spare key" }).getByRole("link")).toHaveCount(0);
  await expect(held.locator("tr", { hasText: first.serial })).toContainText("Active");
  await expect(held.locator("tr", { hasText: first.serial })).toContainText("Linked (confirmed)");
  await expect(held.locator("tr", { hasText: second.serial })).toContainText("Awaiting registration");
});
