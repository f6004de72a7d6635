import { expect, test, type Page } from "@playwright/test";
import {
  allowedPages,
  mainNav,
  pageWalkTimeout,
  personas,
  screenshotPath,
  signInAsPersona,
} from "./fixtures";
import { pageRoutes, walkPages } from "./support/pages";

// Phone width (390 × 844): no page scrolls sideways, and the navigation is reachable behind the menu
// button. Every page the admin can open is walked (the admin opens every route of the build), and the
// other personas' own pages too, since some pages differ by role.

test.use({ viewport: { width: 390, height: 844 } });

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The widest elements that stick out past the viewport's right edge, to name in a failure. */
const culprits = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")}`);
  });

for (const persona of personas) {
  test(`${persona.title}: at 390 px no page scrolls sideways`, async ({ page }) => {
    test.setTimeout(pageWalkTimeout(pageRoutes().length));
    await signInAsPersona(page, persona);
    const problems: string[] = [];
    const { checked } = await walkPages(
      page,
      allowedPages(persona.roles).map((i) => i.href),
      async (url) => {
        const overflow = await sidewaysOverflow(page);
        if (overflow > 0) problems.push(`${url}: ${overflow}px (${(await culprits(page)).join(", ")})`);
      },
    );
    expect(problems).toEqual([]);
    expect(checked.size).toBeGreaterThanOrEqual(allowedPages(persona.roles).length);
  });
}

test("at 390 px the navigation sits behind a menu button that opens, navigates and closes", async ({
  page,
}) => {
  const persona = personas.find((p) => p.roles.includes("helpdesk"))!;
  await signInAsPersona(page, persona);
  // The sidebar is not shown; the menu button is.
  await expect(mainNav(page)).toBeHidden();
  const menu = page.getByRole("button", { name: "Open navigation" });
  await expect(menu).toBeVisible();
  await page.screenshot({ path: screenshotPath("phone-dashboard") });

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(mainNav(page)).toBeVisible();
  await page.screenshot({ path: screenshotPath("phone-navigation-open") });

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  // A link in it changes the page and closes it.
  await menu.click();
  const target = allowedPages(persona.roles).find((i) => i.href !== "/")!;
  await mainNav(page).getByRole("link", { name: target.label }).click();
  await page.waitForURL((url) => url.pathname.startsWith(target.href));
  await expect(drawer).toBeHidden();
  expect(await sidewaysOverflow(page)).toBe(0);
});
