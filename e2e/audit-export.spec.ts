import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parseCsv } from "@/server/modules/inventory/csv";
import { personas, screenshotPath, signInAsPersona } from "./fixtures";

// The security lead exports the audit trail as filtered on the page: the file holds every event of the
// filter and nothing else, and taking the copy is itself in the trail.

const lead = personas.find((p) => p.roles.includes("security"))!;

test("the security lead exports the filtered trail as CSV and JSON, and the export is recorded", async ({
  page,
}) => {
  await signInAsPersona(page, lead);
  // Sign-ins are in every trail, however fresh the database.
  await page.goto("/audit?action=auth.signin");
  const table = page.getByRole("table");
  await expect(table).toBeVisible();
  const total = await page.evaluate(async () => {
    const r = await fetch(
      `/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { action: "auth.signin", pageSize: 1 } }))}`,
    );
    return ((await r.json()) as { result: { data: { json: { total: number } } } }).result.data.json.total;
  });
  expect(total).toBeGreaterThan(0);

  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
  const parsed = parseCsv(await readFile((await csvDownload.path())!, "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  const [header, ...rows] = parsed.rows.map((r) => r.cells);
  const actionAt = header!.indexOf("Action");
  expect(actionAt).toBeGreaterThan(-1);
  // At least every sign-in counted before the click (more may have happened since), and only sign-ins.
  expect(rows.length).toBeGreaterThanOrEqual(total);
  expect(new Set(rows.map((r) => r[actionAt]))).toEqual(new Set(["auth.signin"]));
  await expect(page.getByTestId("audit-export-status")).toHaveText(
    `Exported ${rows.length.toLocaleString("en-GB")} ${rows.length === 1 ? "event" : "events"}.`,
  );
  await page.screenshot({ path: screenshotPath("audit-export") });

  const [jsonDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  const body = JSON.parse(await readFile((await jsonDownload.path())!, "utf8")) as {
    events: { action: string; hash: string }[];
  };
  expect(body.events.length).toBeGreaterThanOrEqual(total);
  expect(body.events.every((e) => e.action === "auth.signin" && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);

  // Both copies are in the trail, under the lead's name.
  await page.goto("/audit?action=audit.export");
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: lead.name })).toHaveCount(2);
});
