import { expect, type Page } from "@playwright/test";
import { personas, signInAsPersona } from "./fixtures";

// Shared steps of the procurement journeys (procurement.spec.ts, procurement-forecast.spec.ts).

const procurement = personas.find((p) => p.id === "demo-procurement")!;

/** Signs in as the demo buyer and opens the procurement overview. */
export async function openProcurement(page: Page) {
  await signInAsPersona(page, procurement);
  await page.goto("/procurement");
}

/** Submits the filled-in new-order form and places the draft it makes: the order page then says "Ordered". */
export async function createAndPlaceOrder(page: Page) {
  await page.getByRole("button", { name: "Create draft order" }).click();
  await page.waitForURL(/\/procurement\/orders\//);
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Place order" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Ordered", { exact: true })).toBeVisible();
}
