import { expect, test } from "@playwright/test";
import {
  allowedPages,
  expectNavigation,
  mainNav,
  pageWalkTimeout,
  personas,
  screenshotPath,
  signInAsPersona,
} from "./fixtures";

// Journey: each persona signs in and sees exactly the navigation of its role, every page of it opens,
// and the shell looks right (screenshots kept in e2e/screenshots/).

for (const persona of personas) {
  test(`${persona.title} (${persona.roles.join(", ")}) sees exactly their role's navigation and every page of it opens`, async ({
    page,
  }) => {
    const pages = allowedPages(persona.roles);
    test.setTimeout(pageWalkTimeout(pages.length)); // the admin's eight pages took 33 s on CI
    await signInAsPersona(page, persona);
    await expectNavigation(page, persona.roles);
    await expect(page.getByTestId("actor-roles")).toHaveText(persona.roles.join(", "));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(persona.name.split(" ")[0]!);
    await page.screenshot({ path: screenshotPath(`shell-${persona.id}-dashboard`) });

    for (const item of pages) {
      const response = await page.goto(item.href);
      expect(response?.status(), `${item.href} for ${persona.id}`).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(mainNav(page).getByRole("link", { name: item.label })).toHaveAttribute(
        "aria-current",
        "page",
      );
      // Every page once, as the role that sees them all.
      if (persona.roles.includes("admin"))
        await page.screenshot({
          path: screenshotPath(`page-${item.href === "/" ? "dashboard" : item.href.slice(1)}`),
          fullPage: true,
        });
    }
  });
}

test("signed-out visitors are sent to sign-in, which offers one demo persona per role", async ({ page }) => {
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator('button[name="persona"]')).toHaveCount(personas.length);
  await page.screenshot({ path: screenshotPath("signin-demo") });
});

test("signing out ends the session", async ({ page }) => {
  await signInAsPersona(page, personas[0]!);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
});

test("the browser tab shows KeyFleet's icon, served from the page's own icon link", async ({
  page,
  request,
}) => {
  await page.goto("/signin");
  const href = await page.locator("link[rel='icon']").first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
