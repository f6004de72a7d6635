import { expect, test } from "@playwright/test";
import { screenshotPath } from "./fixtures";
import { createAndPlaceOrder, openProcurement } from "./procurement.testing";

// Journey (issue [13]): the forecast recommends a few standard models per site and says once which lines
// are already late; "Create a PO" opens a new order filled in from a recommendation, which the buyer
// creates and places; a shipment comes in short, the buyer closes the order short with a reason, the order
// refuses further receiving and lists the serials it did receive.

test("create a PO from a forecast recommendation, receive part of it and close it short", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openProcurement(page);
  const forecast = page.getByRole("region", { name: "Forecast" });
  await expect(forecast.getByTestId("standard-models")).toContainText("Standard models:");
  // The old wording put a "Late: …" badge with a past date on every line; lateness is told once now.
  await expect(forecast.getByText(/Late: lead time already runs past/)).toHaveCount(0);
  expect(await forecast.getByTestId("forecast-late").count()).toBeLessThanOrEqual(1);
  await forecast.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath("procurement-forecast-1280"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("procurement-forecast-390"), fullPage: true });
  await forecast.screenshot({ path: screenshotPath("procurement-forecast-panel-390") });
  await page.setViewportSize({ width: 1280, height: 800 });

  const create = forecast.getByRole("link", { name: /^Create a PO for / }).first();
  const href = (await create.getAttribute("href"))!;
  const want = new URL(href, "http://x").searchParams;
  await create.click();
  await page.waitForURL(/\/procurement\/new\?/);
  await expect(page.getByText("Filled in from the forecast's recommendation")).toBeVisible();
  await expect(page.getByLabel("Receiving site")).toHaveValue(want.get("siteId")!);
  const line = page.getByTestId("po-line-0");
  await expect(line.getByLabel("Model")).toHaveValue(want.get("modelId")!);
  await expect(line.getByLabel("Quantity")).toHaveValue(want.get("quantity")!);
  await expect(page.getByLabel("Vendor")).not.toHaveValue("");
  // Nothing is written until the buyer confirms: a quantity of 2 keeps the journey short.
  await line.getByLabel("Quantity").fill("2");
  await createAndPlaceOrder(page);
  await expect(page.getByTestId("received-none")).toBeVisible();

  const serial = `SHORT${Date.now().toString(36).toUpperCase()}`;
  await page.getByTestId("scan-input").pressSequentially(`${serial}\n`, { delay: 5 });
  await expect(page.getByText("1 of 2 received")).toBeVisible();
  await expect(page.getByTestId("received-keys")).toContainText(serial);

  await page.getByRole("button", { name: "Close short" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The 1 key not yet received will no longer be expected");
  await dialog.getByLabel("Reason").fill("Vendor cannot deliver the rest this quarter");
  await dialog.getByRole("button", { name: "Cancel the remaining 1 and close" }).click();
  await expect(page.getByText("Closed short", { exact: true })).toBeVisible();
  await expect(page.getByTestId("po-closed")).toContainText("Vendor cannot deliver the rest this quarter");
  await expect(page.getByText("1 of 2 received · 1 cancelled")).toBeVisible();
  await expect(page.getByTestId("scan-input")).toHaveCount(0); // a closed order takes no more keys
  await expect(page.getByRole("button", { name: "Close short" })).toHaveCount(0);
  await expect(page.getByTestId("received-keys")).toContainText(serial);
  await page.screenshot({ path: screenshotPath("procurement-order-closed-1280"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("procurement-order-closed-390"), fullPage: true });
});
