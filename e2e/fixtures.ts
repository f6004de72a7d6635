import { expect, type Page } from "@playwright/test";
import { navItems } from "@/app/(portal)/nav-items";
import { can, type Role } from "@/server/auth/permissions";
import { personas, type Persona } from "@/server/auth/personas";
import path from "node:path";

// Expectations come from the permission catalogue itself, never from a copy of it.

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "screenshots");
export const screenshotPath = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);

/** A full-page screenshot at 1280 px wide and one at 390 px (`<name>-390`); the page is left at 1280. */
export async function shootBothWidths(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath(`${name}-390`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

export const demoUrl = () => required("E2E_DEMO_URL");
export const oidcAppUrl = () => required("E2E_OIDC_APP_URL");
export const oidcIssuer = () => required("E2E_OIDC_ISSUER");

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run through playwright.config.ts (global setup starts the servers)`);
  return value;
}

export { navItems, personas, type Persona };

/** The navigation labels, in order, that a holder of these roles must see. */
export const expectedNav = (roles: readonly Role[]) =>
  navItems.filter((i) => can(roles, i.permission)).map((i) => i.label);
/** The portal pages these roles must NOT open. */
export const forbiddenPages = (roles: readonly Role[]) => navItems.filter((i) => !can(roles, i.permission));
export const allowedPages = (roles: readonly Role[]) => navItems.filter((i) => can(roles, i.permission));

/**
 * Time allowed to a test that opens `pages` pages one after another: a hang guard, not a speed
 * target (page timings belong to bench:load). On CI's 2 cores, with two walks side by side, a page
 * with its checks took 4–5.5 s (33 s for the admin's eight, 3 min for the axe walk's 33 routes).
 */
export const pageWalkTimeout = (pages: number) => 30_000 + 8_000 * pages;

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

export async function signInAsPersona(page: Page, persona: Persona) {
  await page.goto(`${demoUrl()}/signin`);
  await page.locator(`button[name="persona"][value="${persona.id}"]`).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("actor-name")).toHaveText(persona.name);
}

export async function expectNavigation(page: Page, roles: readonly Role[]) {
  // The approvals badge is a link of its own beside "Cases" (it opens the queue): not a page of the menu.
  await expect(mainNav(page).locator('a:not([data-testid="nav-badge"])')).toHaveText(expectedNav(roles));
}
