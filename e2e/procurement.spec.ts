import { expect, test } from "@playwright/test";
import { screenshotPath } from "./fixtures";
import { createAndPlaceOrder, openProcurement } from "./procurement.testing";

// Journey: procurement sees a low-stock alert, orders enough to clear it, receives part of the
// shipment by scanning (a duplicate scan is refused on the spot) and the rest from a CSV file (after a
// preview that flags a bad file), then sees the stock and the alert clear. While scanning, the order's
// lines table, its count and its status follow each scan without a reload (issue [13]: the scan panel
// said "2/5 received" while the lines still said "0 of 8 received").

test("create a PO, receive part by scanning and the rest by CSV, and the low-stock alert clears", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openProcurement(page);
  await expect(page.getByRole("heading", { level: 1, name: "Procurement" })).toBeVisible();
  const lowRow = page.getByTestId("low-stock").locator("tbody tr").first();
  await expect(lowRow).toBeVisible();
  await page.screenshot({ path: screenshotPath("procurement-overview-before"), fullPage: true });

  // The first low-stock line: its site, model and how far under the reorder point it is.
  const rowId = (await lowRow.getAttribute("data-testid"))!;
  const href = (await lowRow.getByRole("link").getAttribute("href"))!;
  const params = new URL(href, "http://x").searchParams;
  const siteId = params.get("site")!;
  const modelId = params.get("model")!;
  const cells = await lowRow.locator("td").allInnerTexts();
  const inStock = Number(cells[2]!.replace(/\D/g, ""));
  const reorderAt = Number(cells[3]!.replace(/\D/g, ""));
  const quantity = reorderAt - inStock + 3; // clears the alert with a margin: 2 scanned, the rest by CSV
  expect(quantity).toBeGreaterThan(3);

  // New order: the server's schema rejects an empty form field by field.
  await page.getByRole("link", { name: "New purchase order" }).click();
  await page.getByRole("button", { name: "Create draft order" }).click();
  await expect(page.getByText("Vendor is required")).toBeVisible();
  await expect(page.getByText("Quantity is a number")).toBeVisible();
  await page.screenshot({ path: screenshotPath("procurement-new-order-errors"), fullPage: true });
  await page.getByLabel("Receiving site").selectOption(siteId);
  await page.getByTestId("po-line-0").getByLabel("Model").selectOption(modelId);
  await page.getByTestId("po-line-0").getByLabel("Quantity").fill(String(quantity));
  await page.getByLabel("Expected date").fill("2030-01-15");
  await createAndPlaceOrder(page);

  // Scanner: serial + Enter, fast, including a duplicate. A marker on the window tells whether the
  // page was reloaded: the lines must follow the scans in this same document.
  const prefix = `E2E${Date.now().toString(36).toUpperCase()}`;
  const lines = page.getByTestId("po-lines");
  const receivedCell = lines.locator("tbody tr").first().locator("td").nth(2);
  await expect(receivedCell).toHaveText("0");
  await expect(page.getByText(`0 of ${quantity} received`)).toBeVisible();
  await page.evaluate(() => Object.assign(window, { scanSession: "same document" }));
  const scan = page.getByTestId("scan-input");
  await scan.pressSequentially(`${prefix}-001\n`, { delay: 5 });
  const log = page.getByTestId("scan-log");
  await expect(log.locator('li[data-state="ok"]')).toContainText(`1/${quantity} received`);
  await expect(receivedCell).toHaveText("1");
  await expect(page.getByText(`1 of ${quantity} received`)).toBeVisible();
  await expect(page.getByText("Partially received", { exact: true })).toBeVisible();
  await expect(page.getByText("Ordered", { exact: true })).toHaveCount(0);

  await scan.pressSequentially(`${prefix}-002\n${prefix}-001\n`, { delay: 5 });
  await expect(log.locator('li[data-state="ok"]')).toHaveCount(2);
  await expect(log.locator('li[data-state="error"]')).toContainText(
    "duplicate: already scanned as #1 in this session",
  );
  await expect(log.locator('li[data-state="ok"]').first()).toContainText(`2/${quantity} received`);
  await expect(receivedCell).toHaveText("2");
  await expect(page.getByText(`2 of ${quantity} received`)).toBeVisible();
  // The refused duplicate counted nothing, and the scan log survived the re-reads (no remount, no reload).
  await expect(log.locator("li")).toHaveCount(3);
  expect(await page.evaluate(() => (window as { scanSession?: string }).scanSession)).toBe("same document");
  await page.screenshot({ path: screenshotPath("procurement-receive-scan"), fullPage: true });

  // CSV: a file with a duplicate inside it and a serial already scanned is refused row by row…
  const rest = Array.from({ length: quantity - 2 }, (_, i) => `${prefix}-${String(i + 3).padStart(3, "0")}`);
  await page.getByTestId("csv-file").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["serial", ...rest, rest[0], `${prefix}-002`].join("\n")),
  });
  const preview = page.getByTestId("csv-preview");
  await expect(preview).toContainText("2 with problems");
  await expect(preview).toContainText("duplicate serial: also on line 2 of this file");
  await expect(preview).toContainText(`already received: key ${prefix}-002 is in stock`);
  await expect(page.getByRole("button", { name: /^Receive \d+ keys$/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("procurement-receive-csv-errors"), fullPage: true });

  // …the corrected file previews clean and commits in one go.
  await page.getByTestId("csv-file").setInputFiles({
    name: "shipment.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["serial", ...rest].join("\n")),
  });
  await page.getByRole("button", { name: `Receive ${rest.length} keys` }).click();
  await expect(page.getByText(`Received ${rest.length} keys. The order is now received.`)).toBeVisible();
  await expect(page.getByText("Received", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("csv-file")).toHaveCount(0); // a received order takes no more keys
  await page.screenshot({ path: screenshotPath("procurement-order-received"), fullPage: true });

  // Stock went up and the alert for that site and model is gone.
  await page.goto("/procurement");
  await expect(page.getByTestId("low-stock").getByTestId(rowId)).toHaveCount(0);
  const stockRow = page.getByRole("region", { name: "Stock by site and model" }).getByTestId(rowId);
  await expect(stockRow.locator("td").nth(2)).toHaveText(String(inStock + quantity));
  await expect(stockRow).not.toContainText("Low stock");
  await page.screenshot({ path: screenshotPath("procurement-overview-after"), fullPage: true });

  // The new keys are in the keys table, in stock at that site.
  await page.goto(`/keys?q=${prefix}&site=${siteId}&status=in_stock`);
  await expect(page.getByText(`${quantity} keys`, { exact: false }).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("keys-received"), fullPage: true });
});
