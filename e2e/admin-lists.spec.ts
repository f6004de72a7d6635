import { expect, test, type Page } from "@playwright/test";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";

// Issue 13's admin lists: a reconciliation list pages on the server to its last row (no "Showing 12 of
// 41" dead end), and the audit trail is filtered by an actor picked by name, its subjects named.

const helpdesk = personas.find((p) => p.roles.includes("helpdesk"))!;
const lead = personas.find((p) => p.roles.includes("security"))!;

const countOf = async (pager: ReturnType<Page["getByTestId"]>) => {
  const text = (await pager.getByRole("paragraph").textContent()) ?? "";
  const m = /([\d,]+)–([\d,]+) of ([\d,]+) .* page (\d+) of (\d+)/.exec(text);
  if (!m) throw new Error(`unexpected pager text: ${text}`);
  const n = (s: string) => Number(s.replace(/,/g, ""));
  return { from: n(m[1]!), to: n(m[2]!), total: n(m[3]!), page: n(m[4]!), last: n(m[5]!) };
};

test("reconciliation: a list longer than a page pages to its last row, and its page is in the URL", async ({
  page,
}) => {
  await signInAsPersona(page, helpdesk);
  await page.goto("/users/reconciliation");
  await expect(page.getByText(/Showing \d+ of/)).toHaveCount(0);
  await expect(page.getByText("assignment.followUpDays")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "match review", exact: true })).toHaveAttribute(
    "href",
    "/users/match-review",
  );
  // The demo tenant's credentials with no key run over one page.
  const pager = page.getByTestId("pager-noKeyPage");
  await expect(pager).toBeVisible();
  const first = await countOf(pager);
  expect(first).toMatchObject({ from: 1, to: 10, page: 1 });
  expect(first.last).toBeGreaterThan(1);
  const table = page.getByTestId("credentials-without-key");
  const firstRows = await table.locator("tbody tr").allTextContents();

  await pager.getByRole("link", { name: "Last page" }).click();
  await expect(page).toHaveURL(new RegExp(`noKeyPage=${first.last}`));
  const last = await countOf(pager);
  expect(last).toEqual({ ...first, from: (first.last - 1) * 10 + 1, to: first.total, page: first.last });
  await expect(table.locator("tbody tr")).toHaveCount(first.total - (first.last - 1) * 10);
  expect(await table.locator("tbody tr").allTextContents()).not.toEqual(firstRows);
  // At the end: no next page, and the other lists are still on their first page.
  await expect(pager.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await expect(pager.getByRole("link", { name: "Previous page" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("reconciliation-last-page"), fullPage: true });

  // A link reproduces the view.
  await page.goto(`/users/reconciliation?noKeyPage=${first.last}`);
  expect((await countOf(page.getByTestId("pager-noKeyPage"))).page).toBe(first.last);
  // An old link past the end lands on the last page, not on an empty list that reads "nothing here"; the
  // other lists' pages are kept.
  await page.goto(`/users/reconciliation?noKeyPage=${first.last + 50}&followUpsPage=1`);
  await expect(page).toHaveURL(new RegExp(`noKeyPage=${first.last}(&|$)`));
  await expect(page).toHaveURL(/followUpsPage=1/);
  await expect(table.locator("tbody tr")).toHaveCount(first.total - (first.last - 1) * 10);
  // The match review past its end: the queue on its only (or last) page, never an empty list over a count.
  await page.goto("/users/match-review?page=999");
  await expect(page).not.toHaveURL(/page=999/);
  const waiting = Number(
    /\((\d+)\)/.exec(
      (await page.getByRole("heading", { name: /Waiting for a decision/ }).textContent()) ?? "",
    )?.[1],
  );
  await expect(page.getByTestId("match-review")).toHaveCount(Math.min(waiting, waiting % 20 || 20));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("reconciliation-last-page-390"), fullPage: true });
});

test("audit: the lead filters the trail by an actor picked by name; subjects show by name", async ({
  browser,
  page,
}) => {
  // The helpdesk persona signs in once, so the trail holds at least one event of theirs.
  const other = await browser.newPage();
  await signInAsPersona(other, helpdesk);
  await other.close();

  await signInAsPersona(page, lead);
  await page.goto("/audit");
  const actor = page.getByRole("combobox", { name: "Actor" });
  await actor.fill(helpdesk.name.slice(0, 4));
  const option = page.getByRole("option", { name: new RegExp(helpdesk.name) }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page).toHaveURL(new RegExp(`actor=${helpdesk.id}(&|$)`));
  await expect(page.getByTestId("picked-actor")).toHaveText(helpdesk.name);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  // Every event shown is theirs, and none is shown as raw JSON.
  const actors = await rows.locator("td:nth-child(3) span.block.font-medium").allTextContents();
  expect(actors.length).toBeGreaterThan(0);
  expect(new Set(actors)).toEqual(new Set([helpdesk.name]));
  await expect(page.getByRole("table")).not.toContainText('{"');
  await page.screenshot({ path: screenshotPath("audit-actor-filter"), fullPage: true });

  await page.getByRole("button", { name: "Clear the actor filter" }).click();
  await expect(page).not.toHaveURL(/actor=/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("audit-actor-filter-390"), fullPage: true });
});
