import { expect, type Browser, type Page } from "@playwright/test";
import { demoUrl, signInAsPersona, type Persona } from "../fixtures";

// The case wizard as a journey drives it: finding a suitable user in the demo tenant, running a step
// through its confirmation, recording evidence, and checking a TAP left no trace.

/** A fresh browser context signed in as the persona (one per agent: two agents, two sessions). */
export async function signedIn(browser: Browser, who: Persona): Promise<Page> {
  const context = await browser.newContext({ baseURL: demoUrl(), viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demoUrl() });
  const page = await context.newPage();
  await signInAsPersona(page, who);
  return page;
}

/**
 * A (privileged or ordinary) user who, once the picked keys are set aside, has no other way to sign in
 * (so a TAP is needed). Leaves the wizard on their step-2 page with every key they hold picked.
 */
export async function userWithoutBackup(
  page: Page,
  isPrivileged: boolean,
): Promise<{ id: string; name: string }> {
  for (let p = 1; p <= 3; p++) {
    await page.goto(`/users?passwordless=yes&size=100&page=${p}`);
    const rows = page.getByRole("table").locator("tbody tr");
    const found = await rows.evaluateAll(
      (trs, wanted) =>
        trs
          .filter((tr) => tr.textContent?.includes("Privileged") === wanted)
          .map((tr) => {
            const a = tr.querySelector<HTMLAnchorElement>('a[href^="/users/"]')!;
            return { id: a.getAttribute("href")!.slice("/users/".length), name: a.textContent ?? "" };
          }),
      isPrivileged,
    );
    for (const c of found) {
      await page.goto(`/cases/new?userId=${c.id}`);
      const boxes = page.getByTestId("pick-keys").locator("input[type=checkbox]:not(:disabled)");
      if ((await boxes.count()) === 0 || (await page.getByRole("button", { name: "Open case" }).isDisabled()))
        continue;
      for (const box of await boxes.all()) await box.check();
      if (await page.getByTestId("backup-path").getByText("No other working key").isVisible()) return c;
    }
  }
  throw new Error(
    `no ${isPrivileged ? "privileged" : "ordinary"} user without a backup key in the demo tenant`,
  );
}

export const pickedSerials = async (page: Page) =>
  (
    await page
      .getByTestId("pick-keys")
      .locator("li")
      .filter({ has: page.locator("input:checked") })
      .locator(".font-mono")
      .allTextContents()
  ).map((s) => s.trim());

export async function verifyIdentity(page: Page, method: string, reference: string) {
  await page.getByLabel("How you verified them").selectOption(method);
  await page.getByLabel("Reference").fill(reference);
  await page.getByRole("button", { name: "Record verification" }).click();
  await expect(page.getByTestId("evidence")).toContainText(reference);
}

/** After the dialog closes (and after a reload) the pass is nowhere: not in the page, the URL or storage. */
export async function expectPassGone(page: Page, pass: string) {
  expect(await page.content()).not.toContain(pass);
  expect(page.url()).not.toContain(pass);
  expect(
    await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })),
  ).not.toContain(pass);
}

/** Runs the active step whose button matches, through its confirmation dialog (screenshot: a file path). */
export async function runStep(page: Page, button: RegExp | string, confirm: string, screenshot?: string) {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (screenshot) await page.screenshot({ path: screenshot });
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

export const step = (page: Page, label: string) =>
  page
    .getByTestId("case-steps")
    .locator("li")
    .filter({ has: page.getByRole("heading", { name: label }) });
