import { expect, test } from "@playwright/test";
import { forbiddenPages, personas, screenshotPath, signInAsPersona } from "./fixtures";

// Journey: a role that lacks a page's permission gets a real HTTP 403 and the 403 page, never the content.

test("procurement opening /audit gets HTTP 403 and the 403 page", async ({ page }) => {
  const procurement = personas.find((p) => p.roles.includes("procurement"))!;
  await signInAsPersona(page, procurement);
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This page is not part of your role" })).toBeVisible();
  await expect(page.getByText("Audit trail")).toHaveCount(0);
  await expect(page.getByTestId("chain-status")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("forbidden-procurement-audit") });
});

for (const persona of personas) {
  const pages = forbiddenPages(persona.roles);
  if (pages.length === 0) continue;
  test(`${persona.id} gets 403 on every page outside their role (${pages.map((p) => p.href).join(" ")})`, async ({
    page,
  }) => {
    await signInAsPersona(page, persona);
    for (const item of pages) {
      const response = await page.goto(item.href);
      expect(response?.status(), item.href).toBe(403);
      await expect(page.getByText("403", { exact: true })).toBeVisible();
    }
  });
}

test("the API refuses a procedure outside the role with 403 FORBIDDEN", async ({ page }) => {
  const procurement = personas.find((p) => p.roles.includes("procurement"))!;
  await signInAsPersona(page, procurement);
  const response = await page.request.get("/api/trpc/audit.verify");
  expect(response.status()).toBe(403);
});
