import { expect, test } from "@playwright/test";
import { personas, signInAsPersona } from "./fixtures";

// The audit trail in words: the Action column and its filter say what happened ("Signed in"), the code
// stays beside it; a page past the end of a list says so and links to one that exists.

const lead = personas.find((p) => p.roles.includes("security"))!;

test("the audit trail names actions in words, keeps the code second, and the action filter still filters", async ({
  page,
}) => {
  await signInAsPersona(page, lead);
  await page.goto("/audit");
  const filter = page.getByLabel("Action");
  await filter.selectOption({ label: "Signed in (auth.signin)" });
  await page.waitForURL(/action=auth\.signin/);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const actionCells = rows.locator("td:nth-child(4)");
  const texts = await actionCells.allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  // Every row is a sign-in, in words first, the code below.
  for (const t of texts) expect(t.split("\n").map((l) => l.trim())).toEqual(["Signed in", "auth.signin"]);
  await expect(page.getByRole("table")).not.toContainText("Key assigned");
});

test("a cursor past the oldest audit event says 'No such page' and links back to the newest", async ({
  page,
}) => {
  await signInAsPersona(page, lead);
  await page.goto("/audit?cursor=1");
  await expect(page.getByRole("heading", { name: "No such page" })).toBeVisible();
  await expect(page.getByText("No audit events yet")).toHaveCount(0);
  await page.getByRole("link", { name: "Go to the newest events" }).click();
  await page.waitForURL((u) => !u.searchParams.has("cursor"));
  await expect(page.getByRole("table").locator("tbody tr").first()).toBeVisible();
});

test("an offset page past the last one says so and links to the last page, which has rows", async ({
  page,
}) => {
  await signInAsPersona(page, lead);
  await page.goto("/keys?page=999");
  await expect(page.getByRole("heading", { name: "No such page" })).toBeVisible();
  const last = page.getByRole("link", { name: /^Go to the last page \(\d+\)$/ });
  const n = Number((await last.textContent())!.match(/\((\d+)\)/)![1]);
  expect(n).toBeGreaterThan(1);
  await last.click();
  await page.waitForURL((u) => u.searchParams.get("page") === String(n));
  await expect(page.getByRole("table").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByText(`Page ${n} of ${n}`)).toBeVisible();
});
