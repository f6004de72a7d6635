// What a person at a browser sees while the database is down: a page opened during the outage must say
// "database unavailable" (not a bare error), then show the page by itself once the database is back.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { ROOT } from "../ensure-build";
import { CHROMIUM_ARGS, chromiumPath } from "../lib/chromium";

export const SCREENSHOT_DIR = path.join(ROOT, "test-results", "bench");

export interface OutageBrowser {
  /** Opens `pagePath` (expected to fail now) and waits for the outage message; returns its text. */
  openDuringOutage(pagePath: string): Promise<string>;
  /** After the database is back: ms until the same tab shows `readySelector` without anyone reloading it. */
  waitForRecovery(readySelector: string, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export async function openOutageBrowser(origin: string, sessionCookie: string): Promise<OutageBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(), // bench-pg-restart checked it at start
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = sessionCookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: origin }]);
  const page: Page = await context.newPage();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    async openDuringOutage(pagePath) {
      await page.goto(`${origin}${pagePath}`);
      const alert = page.getByTestId("database-unavailable");
      await alert.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, "database-unavailable.png") });
      return (await alert.innerText()).replace(/\s+/g, " ").trim();
    },
    async waitForRecovery(readySelector, timeoutMs) {
      const t0 = performance.now();
      await page.locator(readySelector).first().waitFor({ timeout: timeoutMs });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, "database-back.png") });
      return performance.now() - t0;
    },
    close: () => browser.close(),
  };
}
