import { expect, test, type Page } from "@playwright/test";
import { personas, shootBothWidths, signInAsPersona } from "./fixtures";
import { simControl } from "./support/sim-control";

// Journeys: the security lead adds one person to a wave by hand and takes them out again (the wave ends as
// it began); failed sign-ins with a key, seeded in the demo tenant's log through the simulator's control
// API and read by a sync, open from their error code on the people who failed; and a pickup key marked
// ready at the desk from the user's page. Seeds the tenant's sign-in log: listed as tenant-changing.

const lead = personas.find((p) => p.id === "demo-security")!;
const admin = personas.find((p) => p.id === "demo-admin")!;
const helpdesk = personas.find((p) => p.id === "demo-helpdesk")!;
const ERROR_CODE = 135011; // "the device used is disabled": the demo tenant's log has none of its own

test.describe.configure({ mode: "serial" });

type SimUser = { id: string; displayName: string; userPrincipalName: string };
const offices = ["Austin HQ", "Toronto Office", "Manchester Office", "Lyon Site", "Rotterdam Plant"];
const officeUsers = (office: string) =>
  simControl<{ value: SimUser[] }>("GET", `users?${new URLSearchParams({ officeLocation: office })}`).then(
    (r) => r.value,
  );

async function waveMembers(page: Page, waveHref: string, q: string) {
  await page.goto(`${waveHref}?${new URLSearchParams({ q })}`);
  return page
    .locator("li", { hasText: q })
    .filter({ has: page.getByRole("button", { name: "Take out of the wave" }) });
}

test("the security lead adds one person to a wave and takes them out again", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsPersona(page, lead);
  await page.goto("/rollout/waves");
  await page.getByRole("link", { name: "People" }).first().click();
  await expect(page).toHaveURL(/\/rollout\/waves\/[^/?]+$/);
  const waveHref = new URL(page.url()).pathname;
  const total = async () =>
    Number((await page.getByText(/^Members \(\d+\)$/).textContent())!.match(/\d+/)![0]);
  const before = await total();

  // Someone who is not a member yet (the first found, office by office).
  let person: SimUser | undefined;
  for (const office of [...offices].reverse()) {
    for (const u of (await officeUsers(office)).slice(-8).reverse())
      if ((await (await waveMembers(page, waveHref, u.userPrincipalName)).count()) === 0) {
        person = u;
        break;
      }
    if (person) break;
  }
  expect(person, "a person outside the wave").toBeDefined();
  await page.goto(waveHref);
  await page.getByLabel("Name or UPN").fill(person!.userPrincipalName);
  await page.getByRole("button", { name: `Add ${person!.displayName}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${person!.displayName} added.`);

  await page.reload();
  await expect.poll(total).toBe(before + 1);
  const row = await waveMembers(page, waveHref, person!.userPrincipalName);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Added by hand");
  await shootBothWidths(page, "levers-wave-member-added");

  await row.getByRole("button", { name: "Take out of the wave" }).click();
  const confirm = page.getByRole("dialog", { name: new RegExp(`Take ${person!.displayName} out of`) });
  await confirm.getByRole("button", { name: "Take out of the wave" }).click();
  await expect(confirm).toBeHidden();
  await expect(await waveMembers(page, waveHref, person!.userPrincipalName)).toHaveCount(0);
  await page.goto(waveHref);
  await expect.poll(total).toBe(before);
  await expect(page.getByRole("heading", { name: /Taken out by hand/ })).toBeVisible();
  await expect(page.getByText(person!.userPrincipalName)).toBeVisible();
  await shootBothWidths(page, "levers-wave-member-removed");
});

test("failed sign-ins seeded in the tenant's log open, by their error code, on the people who failed", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const people = (await Promise.all(offices.map(officeUsers))).flat();
  const [a, b] = [people[0], people[people.length - 1]];
  expect(people.length, "people in the demo tenant").toBeGreaterThan(2);
  const failure = {
    errorCode: ERROR_CODE,
    failureReason: "The security key is disabled.",
    model: "YubiKey 5 NFC",
  };
  // A run reads the log from where the last one stopped up to ten minutes before now (entries arrive late).
  // Stamped nine minutes ago, the failures are past every earlier run's end; the run started over a
  // minute later reads them.
  const ago = (s: number) => new Date(Date.now() - 9 * 60_000 + s * 1000).toISOString();
  await simControl("POST", "sign-ins/key-failures", {
    failures: [
      { userId: a!.id, ...failure, at: ago(1) },
      { userId: a!.id, ...failure, at: ago(2) },
      { userId: b!.id, ...failure, at: ago(3) },
    ],
  });

  await page.waitForTimeout(75_000);
  await signInAsPersona(page, admin);
  await page.goto("/settings/sync");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 90_000 });

  await page.context().clearCookies(); // signed out: the lead signs in next
  await signInAsPersona(page, lead);
  await page.goto("/rollout/sign-in-failures");
  const byCode = page.getByRole("link", { name: new RegExp(`^3 failures: ${ERROR_CODE}`) });
  // The run's last step reads the log: its failures show once it has committed.
  await expect
    .poll(async () => (await page.reload(), byCode.count()), { timeout: 60_000, intervals: [2_000] })
    .toBe(1);
  await shootBothWidths(page, "levers-sign-in-failures-seeded");
  await byCode.click();
  await expect(page).toHaveURL(new RegExp(`/rollout/sign-in-failures/list\\?.*errorCode=${ERROR_CODE}`));
  const list = page.getByRole("table", { name: "Failed sign-ins" });
  await expect(list.locator("tbody tr")).toHaveCount(3);
  await expect(list.getByRole("link", { name: a!.displayName })).toHaveCount(2);
  await expect(list.getByRole("link", { name: b!.displayName })).toHaveCount(1);
  await expect(list).toContainText("YubiKey 5 NFC");
  await shootBothWidths(page, "levers-sign-in-failures-drilldown");
});

test("a key assigned for pickup is marked ready at the desk, then collected", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsPersona(page, helpdesk);
  const all = (await Promise.all(offices.map(officeUsers))).flat();
  const person = all[Math.floor(all.length / 2)];
  await page.goto(`/users/${person!.id}`);
  await page.getByRole("button", { name: "Assign key" }).click();
  const dialog = page.getByRole("dialog");
  // A person who already holds a primary gets this one as a backup.
  const hasPrimary = await dialog.getByLabel("Primary key").isDisabled();
  const key = dialog.getByLabel(hasPrimary ? "Backup key" : "Primary key");
  await expect(key.locator("option").nth(1)).toBeAttached();
  await key.selectOption((await key.locator("option").nth(1).getAttribute("value"))!);
  const serial = ((await key.locator("option:checked").textContent()) ?? "").split(" · ")[0]!;
  await dialog.getByRole("radio", { name: "Pickup at the site desk" }).check();
  await shootBothWidths(page, "levers-assign-pickup");
  await dialog.getByRole("button", { name: "Assign key", exact: true }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("keys-held").locator("tr", { hasText: serial });
  await expect(row).toContainText("Pickup at the desk · not ready yet");
  await row.getByRole("button", { name: "Mark ready for pickup…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mark ready for pickup" }).click();
  await expect(row).toContainText("Ready for pickup since");
  await shootBothWidths(page, "levers-ready-for-pickup");
  await row.getByRole("button", { name: "Mark collected…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mark collected" }).click();
  await expect(row).toContainText("Collected");
  // The helpdesk's timeline carries no audit events and names no staff (docs/SECURITY.md; users.get):
  // the "ready for pickup" event itself is asserted in pickup-notice.sim.int.test.ts.
  await expect(page.getByTestId("user-timeline")).not.toContainText("ready for pickup");
});
